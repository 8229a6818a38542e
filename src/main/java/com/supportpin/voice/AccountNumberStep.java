package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.util.Optional;
import java.util.regex.Pattern;

/** The caller keyed an account number (or star for no PIN, or nothing at all). */
public final class AccountNumberStep implements VoiceStep {

    static final Pattern ACCOUNT_NUMBER = Pattern.compile("^[0-9]{1,12}$");

    private final CallTransaction transaction;
    private final Prompting prompting;
    private final QueueRouting routing;

    public AccountNumberStep(CallTransaction transaction, Prompting prompting, QueueRouting routing) {
        this.transaction = transaction;
        this.prompting = prompting;
        this.routing = routing;
    }

    @Override
    public String name() {
        return "account";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(request, name(), (handle, call, digits) -> decide(call, digits));
    }

    private CallTransaction.Decided decide(CallDao.CallState call, Optional<String> digits) {
        if (digits.isEmpty()) {
            return reprompt(call, "account.silence", "silence");
        }
        String keys = digits.get();
        if (keys.contains("*")) {
            return new CallTransaction.Decided(call.routedUnverified(QueueRouting.UNVERIFIED_QUEUE, "no_pin"),
                    routing.unverified(UnverifiedReason.NO_PIN, call.callSid()), "no-pin");
        }
        if (!ACCOUNT_NUMBER.matcher(keys).matches()) {
            return reprompt(call, "account.invalid", "invalid");
        }
        return new CallTransaction.Decided(call.withAccountEntered(keys), prompting.askPin(), "account-entered");
    }

    private CallTransaction.Decided reprompt(CallDao.CallState call, String promptKey, String outcome) {
        return Reprompts.askAgainOrRoute(call, prompting.askAccount(prompting.prompts().say(promptKey)), outcome,
                routing);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return routing.unverified(UnverifiedReason.UNAVAILABLE, request.callSid());
    }
}
