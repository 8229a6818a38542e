package com.supportpin.agent.console;

import com.supportpin.callback.CallbackBoard;
import com.supportpin.callback.CallbackState;
import com.supportpin.callback.Callbacks;
import com.supportpin.pin.SupportPins;
import com.supportpin.voice.QueueRouting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** The console's work: waiting callers, open callbacks, the connected caller, and verifying their PIN as the phone line does. */
public final class AgentDesk {

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("^[0-9]{1,12}$");
    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** The result of an agent's PIN check. */
    public enum VerifyOutcome {
        VERIFIED,
        WRONG_PIN,
        LOCKED,
        NO_CALLER,
        ALREADY_VERIFIED,
        INVALID
    }

    private final Jdbi jdbi;
    private final SupportPins pins;
    private final Clock clock;
    private final Callbacks callbacks;
    private final CallbackBoard board;

    public AgentDesk(Jdbi jdbi, SupportPins pins, Clock clock, Callbacks callbacks) {
        this.jdbi = jdbi;
        this.pins = pins;
        this.clock = clock;
        this.callbacks = callbacks;
        this.board = callbacks.board();
    }

    /** A waiting caller, as the console and its JSON show them. */
    public record Waiting(
            String callSid,
            String queue,
            boolean verified,
            long waitingSeconds,
            String waitingText,
            String contactName,
            String accountNumber,
            String verificationText) {}

    /** The caller now connected to an agent, as {@code GET /api/agent/calls/current} answers it. */
    public record Current(
            boolean connected,
            String callSid,
            String caller,
            String connectedAt,
            boolean verified,
            String contactName,
            String accountNumber,
            String verifiedAt,
            String verifiedBy,
            String verifiedByAgent,
            String verificationText,
            boolean callback,
            String callbackText) {

        static final Current NONE =
                new Current(false, null, null, null, false, null, null, null, null, null, null, false, null);
    }

    /** The waiting callers, verified ones first. */
    public List<Waiting> waiting() {
        Instant now = clock.instant();
        return jdbi
                .withExtension(
                        AgentDeskDao.class,
                        desk -> desk.waiting(QueueRouting.VERIFIED_QUEUE, now.minus(QueueRouting.WAITING_FRESHNESS)))
                .stream()
                .map(caller -> {
                    long seconds = Math.max(
                            0, Duration.between(caller.enteredAt(), now).toSeconds());
                    return new Waiting(
                            caller.callSid(),
                            caller.queue(),
                            caller.verifiedAt() != null,
                            seconds,
                            duration(seconds),
                            caller.contactName(),
                            caller.accountNumber(),
                            verificationText(caller.verifiedBy(), caller.verifiedAt(), null));
                })
                .toList();
    }

    /** How many callers wait in all; the list of {@link #waiting()} shows at most the first 200. */
    public long waitingTotal() {
        Instant freshSince = clock.instant().minus(QueueRouting.WAITING_FRESHNESS);
        return jdbi.withExtension(AgentDeskDao.class, desk -> desk.countWaiting(freshSince));
    }

    /** A page of open callbacks, in the order agents are offered them, with the total. */
    public CallbackBoard.Page callbacks(int page) {
        return board.page(page);
    }

    /** An agent marks a callback handled or cancels it (audited with their id). */
    public Callbacks.CloseOutcome closeCallback(long agentId, long callbackId, CallbackState closedAs) {
        return callbacks.close(callbackId, agentId, closedAs);
    }

    /** The caller now connected to this agent. */
    public Current current(long agentId) {
        return jdbi.withExtension(AgentDeskDao.class, desk -> desk.connectedTo(agentId))
                .map(call -> new Current(
                        true,
                        call.callSid(),
                        call.caller(),
                        iso(call.bridgedAt()),
                        call.verifiedAt() != null,
                        call.contactName(),
                        call.accountNumber(),
                        iso(call.verifiedAt()),
                        call.verifiedBy(),
                        call.verifiedByAgentName(),
                        verificationText(call.verifiedBy(), call.verifiedAt(), call.verifiedByAgentName()),
                        call.callbackId() != null,
                        call.callbackId() == null ? null : callbackText(call)))
                .orElse(Current.NONE);
    }

    /** Checks a PIN the connected caller read out: consumed only for an unverified connected caller, audited, and capped as on the phone. */
    public VerifyOutcome verify(long agentId, String accountNumber, String pin) {
        if (accountNumber == null
                || !ACCOUNT_NUMBER.matcher(accountNumber.trim()).matches()
                || !pins.looksLikePin(pin == null ? null : pin.trim())) {
            return VerifyOutcome.INVALID;
        }
        String account = accountNumber.trim();
        String digits = pin.trim();
        return jdbi.inTransaction(handle -> {
            AgentDeskDao desk = handle.attach(AgentDeskDao.class);
            Optional<String> callSid = desk.lockConnectedCall(agentId);
            if (callSid.isEmpty()) {
                return VerifyOutcome.NO_CALLER;
            }
            if (desk.isVerified(callSid.get())) {
                return VerifyOutcome.ALREADY_VERIFIED;
            }
            SupportPins.Verification verification = pins.verifyForAgent(
                    handle,
                    account,
                    digits,
                    callSid.get(),
                    desk.callerOf(callSid.get()).orElse(null),
                    agentId);
            return switch (verification.outcome()) {
                case VERIFIED -> {
                    var consumed = verification.pin().orElseThrow();
                    desk.verifiedByAgent(
                            callSid.get(), consumed.accountId(), consumed.contactId(), agentId, clock.instant());
                    yield VerifyOutcome.VERIFIED;
                }
                case WRONG_PIN -> VerifyOutcome.WRONG_PIN;
                case LOCKED -> VerifyOutcome.LOCKED;
            };
        });
    }

    /** "Verified by IVR PIN at 10:42 UTC", "Verified by agent Ann at 10:45 UTC", or "UNVERIFIED". */
    static String verificationText(String verifiedBy, Instant verifiedAt, String agentName) {
        if (verifiedAt == null) {
            return "UNVERIFIED";
        }
        String at = " at " + CLOCK_TIME.format(verifiedAt) + " UTC";
        if ("agent".equals(verifiedBy)) {
            return "Verified by agent" + (agentName == null ? "" : " " + agentName) + at;
        }
        return "Verified by IVR PIN" + at;
    }

    /** Who a callback's original call was verified as; the callback itself proves nothing until a PIN is verified on it. */
    static String callbackText(AgentDeskDao.ConnectedCall call) {
        String original = CallbackBoard.identityText(call.originalVerifiedAt());
        if (call.originalVerifiedAt() != null) {
            original += ": " + call.originalContactName() + ", account " + call.originalAccountNumber();
        }
        return "Callback. " + original + "."
                + (call.verifiedAt() == null ? " The callback itself was not re-verified." : "");
    }

    static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
