package com.supportpin.agent.console;

import com.supportpin.pin.SupportPins;
import com.supportpin.voice.QueueRouting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * What an agent sees and does at the console: the waiting callers, the caller now connected to them
 * (bound through DequeingCallSid, never through anything the caller says), and verifying a PIN the
 * caller reads out with the same atomic consume, guess cap and audit as the phone line.
 */
public final class AgentDesk {

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("^[0-9]{1,12}$");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** The result of an agent's PIN check. */
    public enum VerifyOutcome {
        VERIFIED, WRONG_PIN, LOCKED, NO_CALLER, ALREADY_VERIFIED, INVALID
    }

    private final Jdbi jdbi;
    private final SupportPins pins;
    private final Clock clock;

    public AgentDesk(Jdbi jdbi, SupportPins pins, Clock clock) {
        this.jdbi = jdbi;
        this.pins = pins;
        this.clock = clock;
    }

    /** The waiting callers, verified ones first, as the console and JSON show them. */
    public List<Map<String, Object>> waiting() {
        Instant now = clock.instant();
        return jdbi.withExtension(AgentDeskDao.class, desk -> desk.waiting(now.minus(QueueRouting.WAITING_FRESHNESS)))
                .stream()
                .map(caller -> {
                    var row = new LinkedHashMap<String, Object>();
                    long seconds = Math.max(0, Duration.between(caller.enteredAt(), now).toSeconds());
                    row.put("callSid", caller.callSid());
                    row.put("queue", caller.queue());
                    row.put("verified", caller.verifiedAt() != null);
                    row.put("waitingSeconds", seconds);
                    row.put("waitingText", duration(seconds));
                    row.put("contactName", caller.contactName());
                    row.put("accountNumber", caller.accountNumber());
                    row.put("verificationText", verificationText(caller.verifiedBy(), caller.verifiedAt(), null));
                    return (Map<String, Object>) row;
                })
                .toList();
    }

    /** Open callback requests, oldest first. */
    public List<Map<String, Object>> callbacks() {
        return jdbi.withExtension(AgentDeskDao.class, AgentDeskDao::openCallbacks).stream()
                .map(request -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("callSid", request.callSid());
                    row.put("caller", request.caller());
                    row.put("queue", request.queue());
                    row.put("requestedAt", iso(request.requestedAt()));
                    row.put("requestedAtText", CLOCK_TIME.format(request.requestedAt()) + " UTC");
                    row.put("contactName", request.contactName());
                    row.put("accountNumber", request.accountNumber());
                    return (Map<String, Object>) row;
                })
                .toList();
    }

    /** The caller now connected to this agent, as the JSON of {@code GET /api/agent/calls/current}. */
    public Map<String, Object> current(long agentId) {
        Optional<AgentDeskDao.ConnectedCall> call = jdbi.withExtension(AgentDeskDao.class,
                desk -> desk.connectedTo(agentId));
        var body = new LinkedHashMap<String, Object>();
        body.put("connected", call.isPresent());
        body.put("callSid", call.map(AgentDeskDao.ConnectedCall::callSid).orElse(null));
        body.put("caller", call.map(AgentDeskDao.ConnectedCall::caller).orElse(null));
        body.put("connectedAt", call.map(c -> iso(c.bridgedAt())).orElse(null));
        body.put("verified", call.map(c -> c.verifiedAt() != null).orElse(false));
        body.put("contactName", call.map(AgentDeskDao.ConnectedCall::contactName).orElse(null));
        body.put("accountNumber", call.map(AgentDeskDao.ConnectedCall::accountNumber).orElse(null));
        body.put("verifiedAt", call.map(c -> iso(c.verifiedAt())).orElse(null));
        body.put("verifiedBy", call.map(AgentDeskDao.ConnectedCall::verifiedBy).orElse(null));
        body.put("verifiedByAgent", call.map(AgentDeskDao.ConnectedCall::verifiedByAgentName).orElse(null));
        body.put("verificationText", call.map(c -> verificationText(c.verifiedBy(), c.verifiedAt(),
                c.verifiedByAgentName())).orElse(null));
        return body;
    }

    /**
     * Checks the PIN the connected caller read out, for the account number they gave. The PIN is
     * consumed only when a caller is connected and not yet verified, in one transaction on the locked
     * call row; every check is audited on channel 'agent' and counts against the account's guess cap.
     */
    public VerifyOutcome verify(long agentId, String accountNumber, String pin) {
        if (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber.trim()).matches()
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
            SupportPins.Verification verification = pins.verify(handle, account, digits, callSid.get());
            Instant now = clock.instant();
            desk.audit(callSid.get(), desk.callerOf(callSid.get()).orElse(null), account,
                    verification.outcome().auditName(), agentId, now);
            return switch (verification.outcome()) {
                case VERIFIED -> {
                    var consumed = verification.pin().orElseThrow();
                    desk.verifiedByAgent(callSid.get(), consumed.accountId(), consumed.contactId(), agentId, now);
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

    static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
