package com.supportpin.voice;

import com.supportpin.pin.PinHasher;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Runs a digits step in one transaction on the locked call row; a retried webhook gets the stored answer back. */
public final class CallTransaction {

    /** A step's decision: the call's new state, the TwiML and its outcome. */
    public record Decided(CallDao.CallState next, VoiceResponse twiml, CallOutcome outcome) {

        /** Sends the call to the unverified queue for the outcome's reason, with that reason's prompt. */
        static Decided unverified(CallDao.CallState call, CallOutcome outcome, QueueRouting routing) {
            UnverifiedReason reason = outcome.unverifiedReason().orElseThrow();
            return new Decided(
                    call.routedUnverified(QueueRouting.UNVERIFIED_QUEUE, reason),
                    routing.unverified(reason, call.callSid()),
                    outcome);
        }
    }

    /** Decides a step from the locked call row and the keys pressed (empty for silence). */
    @FunctionalInterface
    public interface Decision {
        Decided decide(Handle handle, CallDao.CallState call, Optional<String> digits);
    }

    /** A step's common case in one statement: the answer, or empty having changed nothing; never another answer than the full path's. */
    @FunctionalInterface
    public interface Shortcut {
        Optional<VoiceStep.StepResult> tryAtOnce(Handle handle, String keys, byte[] fingerprint);
    }

    private final Jdbi jdbi;
    private final PinHasher hasher;
    private final Clock clock;
    private final QueueRouting routing;

    public CallTransaction(Jdbi jdbi, PinHasher hasher, Clock clock, QueueRouting routing) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
        this.routing = routing;
    }

    public VoiceStep.StepResult run(TwilioRequest request, String step, Decision decision) {
        return run(request, step, (handle, keys, fingerprint) -> Optional.empty(), decision);
    }

    /** {@link #run(TwilioRequest, String, Decision)}, trying {@code shortcut} first when keys were pressed. */
    public VoiceStep.StepResult run(TwilioRequest request, String step, Shortcut shortcut, Decision decision) {
        Optional<String> digits = request.digits();
        // Silence is never a retry: each one must count towards the re-prompt limit.
        byte[] fingerprint = digits.map(keys -> hasher.fingerprint(step, keys)).orElse(null);
        return jdbi.inTransaction(handle -> {
            if (fingerprint != null) {
                Optional<VoiceStep.StepResult> done = shortcut.tryAtOnce(handle, digits.get(), fingerprint);
                if (done.isPresent()) {
                    StepDeadline.check();
                    return done.get();
                }
            }
            CallDao calls = handle.attach(CallDao.class);
            CallDao.CallState call = calls.lockOrCreate(request.callSid(), request.from(), clock.instant());
            if (call.isRetryOf(step, fingerprint)) {
                return new VoiceStep.StepResult(call.lastResponse(), CallOutcome.REPLAYED);
            }
            if (call.routed()) {
                VoiceResponse again = routing.again(routing.caller(handle, call));
                if (routing.namedQueues()) {
                    handle.attach(QueueDao.class).enqueued(call.callSid(), call.queue(), clock.instant());
                }
                return VoiceStep.StepResult.of(again, CallOutcome.ALREADY_ROUTED);
            }
            Decided decided = decision.decide(handle, call, digits);
            String xml = TwimlWriter.xml(decided.twiml());
            CallDao.CallState next = decided.next().answered(step, fingerprint, xml);
            if (next.routed() && routing.namedQueues()) {
                // The answer is an Enqueue: from now on the caller waits, by our own records.
                calls.saveAndEnqueue(next, clock.instant());
            } else {
                calls.save(next);
            }
            StepDeadline.check();
            return new VoiceStep.StepResult(xml, decided.outcome());
        });
    }
}
