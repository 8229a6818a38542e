package com.supportpin.callback;

import com.supportpin.config.Config;
import com.supportpin.voice.QueueRouting;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Callbacks: requested on hold, offered to agents in line, placed with TwiML, retried and closed (README, "Callbacks"). */
public final class Callbacks {

    /** A number Twilio can dial: E.164. Withheld ("anonymous") and malformed numbers cannot be called back. */
    public static final Pattern CALLABLE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    /** How long an offer to one agent call holds before another agent may have the callback. */
    static final Duration OFFER_HOLDS_FOR = Duration.ofSeconds(60);
    /** Seconds the customer's phone rings before the Dial gives up (a voicemail usually answers later). */
    public static final int RING_TIMEOUT_S = 20;
    /** An attempt whose Dial action never comes counts as not reached after this (well above ringing plus two prompts). */
    static final Duration ATTEMPT_EXPIRES_AFTER = Duration.ofMinutes(3);

    /** What became of a request from a caller on hold. */
    public enum RequestOutcome {
        /** A new callback. */
        CREATED,
        /** The number's open callback was updated. */
        UPDATED,
        /** This call's request was already recorded (a repeated webhook). */
        REPEATED,
        /** The number cannot be called back (withheld, malformed), or callbacks are off. */
        NOT_CALLABLE
    }

    /** How a callback's Dial ended, as the agent hears it. */
    public enum DialOutcome {
        REACHED,
        TRY_AGAIN_LATER,
        CLOSED_UNREACHED,
        UNKNOWN
    }

    /** An agent's change from the console. */
    public enum CloseOutcome {
        CLOSED,
        NOT_FOUND,
        ALREADY_CLOSED,
        BEING_CALLED
    }

    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Config.Callbacks settings;
    private final boolean enabled;
    private final CallbackMetrics metrics;

    /** {@code namedQueues}: false in TaskRouter mode, where agents work as TaskRouter workers and nobody places callbacks. */
    public Callbacks(Jdbi jdbi, Clock clock, Config.Callbacks settings, boolean namedQueues, CallbackMetrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.enabled = namedQueues && settings.supportLineNumber().isPresent();
        this.metrics = metrics;
    }

    /** The service's callbacks, with their metrics; says at start-up when callers are not offered any, and why. */
    public static Callbacks start(
            Jdbi jdbi, Clock clock, Config.Callbacks settings, boolean namedQueues, MeterRegistry registry) {
        var callbacks = new Callbacks(jdbi, clock, settings, namedQueues, new CallbackMetrics(registry));
        if (!callbacks.enabled()) {
            log.info(
                    "callers on hold are not offered callbacks: {}",
                    namedQueues
                            ? "set SUPPORT_LINE_NUMBER, the number they are placed from"
                            : "in TaskRouter mode agents take calls as TaskRouter workers");
        }
        return callbacks;
    }

    /** The console's paged view of the open callbacks. */
    public CallbackBoard board() {
        return new CallbackBoard(jdbi, QueueRouting.VERIFIED_QUEUE, settings.maxAttempts());
    }

    /** Whether callers on hold are offered callbacks at all (a support line number, named queues). */
    public boolean enabled() {
        return enabled;
    }

    /** Whether a caller on hold calling from this number may be offered a callback. */
    public boolean canCallBack(String callerNumber) {
        return enabled && callerNumber != null && CALLABLE.matcher(callerNumber).matches();
    }

    /** A caller on hold pressed 1 for a callback; {@code fallbackQueue} when the app never recorded their queue. */
    public RequestOutcome request(String callSid, String callerNumber, String fallbackQueue) {
        if (!canCallBack(callerNumber)) {
            return RequestOutcome.NOT_CALLABLE;
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            CallbackDao callbacks = handle.attach(CallbackDao.class);
            if (callbacks.findByCall(callSid).isPresent()) {
                return RequestOutcome.REPEATED;
            }
            Optional<CallbackDao.Request> recorded = callbacks.request(callSid, callerNumber, fallbackQueue, now);
            if (recorded.isEmpty()) {
                return RequestOutcome.REPEATED;
            }
            CallbackEvent event = recorded.get().created() ? CallbackEvent.REQUESTED : CallbackEvent.UPDATED;
            callbacks.log(recorded.get().id(), event.word(), null, null, null, now);
            handle.afterCommit(() -> metrics.countRequest(recorded.get().created()));
            return recorded.get().created() ? RequestOutcome.CREATED : RequestOutcome.UPDATED;
        });
    }

    /** Withdraws expired offers and ends expired attempts, so nothing stays offered or "being called" for ever. */
    public void expire(Handle handle, Instant now) {
        CallbackDao callbacks = handle.attach(CallbackDao.class);
        callbacks.expireOffers(now);
        List<CallbackDao.Expired> expired = callbacks.expireAttempts(settings.maxAttempts(), now);
        handle.afterCommit(() -> expired.forEach(callback -> metrics.countUnreached(
                AttemptResult.of(callback.lastResult()).orElse(AttemptResult.NO_RESULT),
                callback.state().equals(CallbackState.UNREACHED.word()))));
    }

    /** The due callback this agent call would be offered next, locked (see {@link CallbackDao#nextDue}). */
    public Optional<CallbackDao.Due> nextDue(Handle handle, String agentCallSid, String verifiedQueue, Instant now) {
        if (!enabled) {
            return Optional.empty();
        }
        return handle.attach(CallbackDao.class)
                .nextDue(agentCallSid, verifiedQueue, now.minus(settings.retryAfter()), now);
    }

    /** Offers a due callback to an agent call: nobody else gets it until they answer or the offer expires. */
    public boolean offer(Handle handle, long callbackId, String agentCallSid, long agentId, Instant now) {
        return handle.attach(CallbackDao.class).offer(callbackId, agentCallSid, agentId, now.plus(OFFER_HOLDS_FOR), now)
                == 1;
    }

    /** The tier (queue) of the callback still offered to this agent call. */
    public Optional<String> offeredTo(Handle handle, String agentCallSid) {
        return handle.attach(CallbackDao.class).offeredTo(agentCallSid);
    }

    /** The agent pressed 2 (skip: for the next agent or a later try), or nothing (withdrawn). */
    public void release(Handle handle, String agentCallSid, long agentId, boolean skipped, Instant now) {
        CallbackEvent event = skipped ? CallbackEvent.SKIPPED : CallbackEvent.OFFER_WITHDRAWN;
        handle.attach(CallbackDao.class).release(agentCallSid, agentId, event.word(), now);
    }

    /** The agent pressed 1: one more attempt on the callback offered to them; empty if it is no longer theirs. */
    public Optional<CallbackDao.Placed> place(Handle handle, String agentCallSid, long agentId, Instant now) {
        Optional<CallbackDao.Placed> placed = handle.attach(CallbackDao.class)
                .place(agentCallSid, agentId, now.plus(settings.retryAfter()), now.plus(ATTEMPT_EXPIRES_AFTER), now);
        placed.ifPresent(attempt -> handle.afterCommit(metrics::countPlaced));
        return placed;
    }

    /** The attempt this agent call placed and is still waiting to hear about: a repeated "1" dials it again. */
    public Optional<CallbackDao.Placed> calling(Handle handle, String agentCallSid) {
        return handle.attach(CallbackDao.class).calling(agentCallSid);
    }

    /** The number callbacks are placed from (the Dial's callerId). */
    public String supportLineNumber() {
        return settings.supportLineNumber().orElseThrow(() -> new IllegalStateException("callbacks are off"));
    }

    /** The Dial of an attempt ended: reached, or the callback waits for its next try or closes unreached. */
    public DialOutcome dialEnded(
            Handle handle,
            long attemptId,
            String agentCallSid,
            String dialCallStatus,
            boolean twilioBridged,
            String customerCallSid,
            Instant now) {
        CallbackDao callbacks = handle.attach(CallbackDao.class);
        Optional<CallbackDao.Attempt> found = callbacks.lockAttempt(attemptId, agentCallSid);
        if (found.isEmpty()) {
            return DialOutcome.UNKNOWN;
        }
        CallbackDao.Attempt attempt = found.get();
        if (attempt.reachedAt() != null || twilioBridged) {
            if (attempt.reachedAt() == null) {
                reached(handle, attemptId, customerCallSid, now);
            }
            callbacks.endAttempt(attemptId, AttemptResult.REACHED.word(), now);
            return DialOutcome.REACHED;
        }
        boolean ours = attempt.callbackState().equals(CallbackState.CALLING.word())
                && agentCallSid.equals(attempt.claimedByCallSid());
        boolean last = attempt.attempts() >= settings.maxAttempts();
        if (attempt.endedAt() == null) {
            AttemptResult result = AttemptResult.of(attempt.result())
                    .orElseGet(() -> AttemptResult.notReached(dialCallStatus, attempt.answeredAt() != null));
            callbacks.endAttempt(attemptId, result.word(), now);
            CallbackState next = last ? CallbackState.UNREACHED : CallbackState.WAITING;
            if (ours
                    && callbacks.notReached(attempt.callbackId(), agentCallSid, next.word(), result.word(), now) == 1) {
                CallbackEvent event = last ? CallbackEvent.CLOSED_UNREACHED : CallbackEvent.NOT_REACHED;
                callbacks.log(attempt.callbackId(), event.word(), attempt.agentId(), agentCallSid, result.word(), now);
                handle.afterCommit(() -> metrics.countUnreached(result, last));
                return last ? DialOutcome.CLOSED_UNREACHED : DialOutcome.TRY_AGAIN_LATER;
            }
        }
        // A repeated Dial action, or the attempt already expired or was closed from the console: say where it stands.
        return callbacks
                        .stateOf(attempt.callbackId())
                        .map(CallbackState::of)
                        .filter(CallbackState::open)
                        .isPresent()
                ? DialOutcome.TRY_AGAIN_LATER
                : DialOutcome.CLOSED_UNREACHED;
    }

    /** The Number url: the customer's phone answered. False when the attempt is unknown. */
    public boolean answered(long attemptId, String customerCallSid) {
        return jdbi.withExtension(
                        CallbackDao.class, callbacks -> callbacks.answered(attemptId, customerCallSid, clock.instant()))
                == 1;
    }

    /** The customer pressed 1: reached, connected, and bound to the agent call that placed it. */
    public void connect(long attemptId, String customerCallSid) {
        jdbi.useTransaction(handle -> reached(handle, attemptId, customerCallSid, clock.instant()));
    }

    /** The customer pressed another key: this attempt did not reach them. */
    public void decline(long attemptId, String customerCallSid) {
        jdbi.useExtension(
                CallbackDao.class, callbacks -> callbacks.declined(attemptId, customerCallSid, clock.instant()));
    }

    private void reached(Handle handle, long attemptId, String customerCallSid, Instant now) {
        handle.attach(CallbackDao.class)
                .reached(attemptId, customerCallSid, now)
                .ifPresent(requestedAt ->
                        handle.afterCommit(() -> metrics.countReached(Duration.between(requestedAt, now))));
    }

    /** An agent marks an open callback handled, or cancels it; audited with their id. */
    public CloseOutcome close(long callbackId, long agentId, CallbackState closedAs) {
        if (closedAs != CallbackState.HANDLED && closedAs != CallbackState.CANCELLED) {
            throw new IllegalArgumentException("an agent closes a callback as handled or cancelled");
        }
        CallbackEvent event = closedAs == CallbackState.HANDLED ? CallbackEvent.HANDLED : CallbackEvent.CANCELLED;
        return jdbi.inTransaction(handle -> {
            CallbackDao callbacks = handle.attach(CallbackDao.class);
            if (callbacks.close(callbackId, closedAs.word(), event.word(), agentId, clock.instant()) == 1) {
                return CloseOutcome.CLOSED;
            }
            return callbacks
                    .stateOf(callbackId)
                    .map(CallbackState::of)
                    .map(state ->
                            state == CallbackState.CALLING ? CloseOutcome.BEING_CALLED : CloseOutcome.ALREADY_CLOSED)
                    .orElse(CloseOutcome.NOT_FOUND);
        });
    }
}
