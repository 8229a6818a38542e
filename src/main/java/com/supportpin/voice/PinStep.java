package com.supportpin.voice;

import com.supportpin.pin.SupportPins;
import com.twilio.twiml.voice.Say;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The caller keyed a PIN: check and consume it, then route verified, retry, or unverified. */
public final class PinStep extends CallerStep {

    /** Wrong PINs one call may key before it goes to the unverified queue. */
    static final int MAX_FAILURES_PER_CALL = 3;
    /** The query parameter of the PIN step's URL that carries the account number the call entered. */
    static final String ACCOUNT_HINT = "account";

    private static final String CHANNEL = "ivr";

    private final CallTransaction transaction;
    private final SupportPins pins;

    public PinStep(
            CallTransaction transaction, SupportPins pins, Prompting prompting, QueueRouting routing, Clock clock) {
        super("pin", prompting, routing, clock);
        this.transaction = transaction;
        this.pins = pins;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(
                request,
                name(),
                (handle, keys, fingerprint) -> verifyAtOnce(handle, request, keys, fingerprint),
                this::decide);
    }

    /** The common case in one statement: the right PIN for the call's account; anything else takes {@link #decide}. */
    private Optional<StepResult> verifyAtOnce(Handle handle, TwilioRequest request, String keys, byte[] fingerprint) {
        Optional<String> account = request.queryParam(ACCOUNT_HINT)
                .filter(number ->
                        AccountNumberStep.ACCOUNT_NUMBER.matcher(number).matches());
        Optional<String> answer = routing.verifiedForAnyCaller();
        if (account.isEmpty() || answer.isEmpty() || !pins.looksLikePin(keys)) {
            return Optional.empty();
        }
        String xml = answer.get();
        return handle.attach(CallShortcuts.PinVerification.class)
                .verifyAndEnqueue(
                        request.callSid(),
                        account.get(),
                        pins.pinHash(account.get(), keys),
                        name(),
                        fingerprint,
                        xml,
                        SupportPins.Outcome.VERIFIED.auditName(),
                        CHANNEL,
                        QueueRouting.VERIFIED_QUEUE,
                        clock.instant())
                .map(consumed -> new StepResult(xml, CallOutcome.VERIFIED));
    }

    private CallTransaction.Decided decide(Handle handle, CallDao.CallState call, Optional<String> digits) {
        if (call.accountEntered() == null) {
            return new CallTransaction.Decided(call, prompting.askAccount(), CallOutcome.NO_ACCOUNT);
        }
        if (digits.isEmpty()) {
            return reprompt(call, prompting.prompts().say("pin.silence"), CallOutcome.SILENCE);
        }
        String keys = digits.get();
        if (keys.contains("*")) {
            return CallTransaction.Decided.unverified(call, CallOutcome.NO_PIN, routing);
        }
        if (!pins.looksLikePin(keys)) {
            return reprompt(call, prompting.prompts().say("pin.invalid", pins.digits()), CallOutcome.INVALID);
        }
        SupportPins.Verification verification =
                pins.verifyAndAudit(handle, call.accountEntered(), keys, call.callSid(), call.caller(), CHANNEL);
        return switch (verification.outcome()) {
            case VERIFIED -> {
                var pin = verification.pin().orElseThrow();
                CallDao.CallState verified = call.verifiedAs(
                        pin.accountId(), pin.contactId(), clock.instant(), CHANNEL, QueueRouting.VERIFIED_QUEUE);
                yield new CallTransaction.Decided(
                        verified, routing.verified(routing.caller(handle, verified)), CallOutcome.VERIFIED);
            }
            case LOCKED ->
                CallTransaction.Decided.unverified(
                        call.withPinFailure(),
                        verification.lockoutStarted() ? CallOutcome.LOCKOUT : CallOutcome.LOCKED,
                        routing);
            case WRONG_PIN -> {
                CallDao.CallState next = call.withPinFailure();
                if (next.pinFailures() >= MAX_FAILURES_PER_CALL) {
                    yield CallTransaction.Decided.unverified(next, CallOutcome.FAILED, routing);
                }
                yield new CallTransaction.Decided(
                        next, prompting.askAccount(prompting.prompts().say("pin.mismatch")), CallOutcome.WRONG_PIN);
            }
        };
    }

    private CallTransaction.Decided reprompt(CallDao.CallState call, Say apology, CallOutcome outcome) {
        return Reprompts.askAgainOrRoute(call, prompting.askPin(call.accountEntered(), apology), outcome, routing);
    }
}
