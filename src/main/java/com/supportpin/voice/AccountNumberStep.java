package com.supportpin.voice;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** The caller keyed an account number (or star for no PIN, or nothing at all). */
public final class AccountNumberStep extends CallerStep {

    static final Pattern ACCOUNT_NUMBER = Pattern.compile("^[0-9]{1,12}$");

    private final CallTransaction transaction;

    public AccountNumberStep(CallTransaction transaction, Prompting prompting, QueueRouting routing, Clock clock) {
        super("account", prompting, routing, clock);
        this.transaction = transaction;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(
                request,
                name(),
                (handle, keys, fingerprint) -> enterAtOnce(handle, request, keys, fingerprint),
                (handle, call, digits) -> decide(call, digits));
    }

    /** The common case, a well-formed account number, in one statement (as {@link #decide} would answer). */
    private Optional<StepResult> enterAtOnce(Handle handle, TwilioRequest request, String keys, byte[] fingerprint) {
        if (!ACCOUNT_NUMBER.matcher(keys).matches()) {
            return Optional.empty();
        }
        String xml = prompting.askPinXml(keys);
        int saved = handle.attach(CallShortcuts.AccountEntry.class)
                .enterAccount(request.callSid(), keys, name(), fingerprint, xml, clock.instant());
        return saved == 1 ? Optional.of(new StepResult(xml, CallOutcome.ACCOUNT_ENTERED)) : Optional.empty();
    }

    private CallTransaction.Decided decide(CallDao.CallState call, Optional<String> digits) {
        if (digits.isEmpty()) {
            return reprompt(call, "account.silence", CallOutcome.SILENCE);
        }
        String keys = digits.get();
        if (keys.contains("*")) {
            return CallTransaction.Decided.unverified(call, CallOutcome.NO_PIN, routing);
        }
        if (!ACCOUNT_NUMBER.matcher(keys).matches()) {
            return reprompt(call, "account.invalid", CallOutcome.INVALID);
        }
        return new CallTransaction.Decided(
                call.withAccountEntered(keys), prompting.askPin(keys), CallOutcome.ACCOUNT_ENTERED);
    }

    private CallTransaction.Decided reprompt(CallDao.CallState call, String promptKey, CallOutcome outcome) {
        return Reprompts.askAgainOrRoute(
                call, prompting.askAccount(prompting.prompts().say(promptKey)), outcome, routing);
    }
}
