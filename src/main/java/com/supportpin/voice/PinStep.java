package com.supportpin.voice;

import com.supportpin.pin.SupportPins;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The caller keyed a PIN: check and consume it, then route verified, retry, or unverified. */
public final class PinStep implements VoiceStep {

    /** Wrong PINs one call may key before it goes to the unverified queue. */
    static final int MAX_FAILURES_PER_CALL = 3;

    private final CallTransaction transaction;
    private final SupportPins pins;
    private final Prompting prompting;
    private final QueueRouting routing;
    private final Clock clock;

    public PinStep(CallTransaction transaction, SupportPins pins, Prompting prompting, QueueRouting routing,
            Clock clock) {
        this.transaction = transaction;
        this.pins = pins;
        this.prompting = prompting;
        this.routing = routing;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "pin";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(request, name(), this::decide);
    }

    private CallTransaction.Decided decide(Handle handle, CallDao.CallState call, Optional<String> digits) {
        if (call.accountEntered() == null) {
            return new CallTransaction.Decided(call, prompting.askAccount(), "no-account");
        }
        if (digits.isEmpty()) {
            return reprompt(call, prompting.prompts().say("pin.silence"), "silence");
        }
        String keys = digits.get();
        if (keys.contains("*")) {
            return new CallTransaction.Decided(call.routedUnverified(QueueRouting.UNVERIFIED_QUEUE, "no_pin"),
                    routing.unverified(UnverifiedReason.NO_PIN, call.callSid()), "no-pin");
        }
        if (!pins.looksLikePin(keys)) {
            return reprompt(call, prompting.prompts().say("pin.invalid", pins.digits()), "invalid");
        }
        SupportPins.Verification verification = pins.verifyAndAudit(handle, call.accountEntered(), keys,
                call.callSid(), call.caller(), "ivr");
        return switch (verification.outcome()) {
            case VERIFIED -> {
                var pin = verification.pin().orElseThrow();
                CallDao.CallState verified = call.verifiedAs(pin.accountId(), pin.contactId(), clock.instant(), "ivr",
                        QueueRouting.VERIFIED_QUEUE);
                yield new CallTransaction.Decided(verified,
                        routing.verified(routing.caller(handle, verified)), "verified");
            }
            case LOCKED -> new CallTransaction.Decided(
                    call.withPinFailure().routedUnverified(QueueRouting.UNVERIFIED_QUEUE, "locked"),
                    routing.unverified(UnverifiedReason.FAILED, call.callSid()),
                    verification.lockoutStarted() ? "lockout" : "locked");
            case WRONG_PIN -> {
                CallDao.CallState next = call.withPinFailure();
                if (next.pinFailures() >= MAX_FAILURES_PER_CALL) {
                    yield new CallTransaction.Decided(next.routedUnverified(QueueRouting.UNVERIFIED_QUEUE, "failed"),
                            routing.unverified(UnverifiedReason.FAILED, call.callSid()), "failed");
                }
                yield new CallTransaction.Decided(next, prompting.askAccount(prompting.prompts().say("pin.mismatch")),
                        "wrong-pin");
            }
        };
    }

    private CallTransaction.Decided reprompt(CallDao.CallState call, com.twilio.twiml.voice.Say apology,
            String outcome) {
        return Reprompts.askAgainOrRoute(call, prompting.askPin(apology), outcome, routing);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return routing.unverified(UnverifiedReason.UNAVAILABLE, request.callSid());
    }
}
