package com.supportpin.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The two questions of the call flow: the account number, then the PIN. */
public final class Prompting {

    /** Seconds of silence before Twilio gives up on a Gather (also between digits). */
    static final int ACCOUNT_TIMEOUT_S = 7;
    static final int PIN_TIMEOUT_S = 8;
    /** Stands for the account number in the cached PIN prompt; appears nowhere else in it. */
    private static final String PLACEHOLDER_ACCOUNT = "ACCOUNT-NUMBER";

    private final Prompts prompts;
    private final int pinDigits;

    public Prompting(Prompts prompts, int pinDigits) {
        this.prompts = prompts;
        this.pinDigits = pinDigits;
    }

    /** Asks for the account number, after the given lead-in prompts (greeting, apology, ...). */
    public VoiceResponse askAccount(Say... leadIn) {
        var gather = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .action(VoicePaths.VOICE_ACCOUNT)
                .method(HttpMethod.POST)
                .finishOnKey("#")
                .timeout(ACCOUNT_TIMEOUT_S);
        for (Say say : leadIn) {
            gather.say(say);
        }
        gather.say(prompts.say("account.prompt"));
        return new VoiceResponse.Builder()
                .gather(gather.build())
                // Twilio runs the next verb only when the Gather got no input: the same step counts the silence.
                .redirect(new Redirect.Builder(VoicePaths.VOICE_ACCOUNT).method(HttpMethod.POST).build())
                .build();
    }

    /**
     * Asks for the PIN of the account number the caller entered; numDigits submits as soon as the last
     * digit is in. The answer goes to {@link VoicePaths#VOICE_PIN} with the account number in the query
     * (Twilio signs the whole URL): the PIN step's one-statement path needs it before it reads the call
     * row, to hash the PIN. It is a hint only: the call row's own account number decides.
     */
    public VoiceResponse askPin(String accountNumber, Say... leadIn) {
        String pinUrl = pinUrl(accountNumber);
        var gather = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .action(pinUrl)
                .method(HttpMethod.POST)
                .numDigits(pinDigits)
                .timeout(PIN_TIMEOUT_S);
        for (Say say : leadIn) {
            gather.say(say);
        }
        gather.say(prompts.say("pin.prompt", pinDigits));
        return new VoiceResponse.Builder()
                .gather(gather.build())
                .redirect(new Redirect.Builder(pinUrl).method(HttpMethod.POST).build())
                .build();
    }

    /**
     * The text of {@link #askPin}, for the account step's common case: rendering a document per account
     * number costs a {@code toXml()} each (a JAXP parser and transformer), so the document is rendered
     * once with a placeholder (cached by {@link TwimlWriter}) and the account's URL put in its place.
     */
    public String askPinXml(String accountNumber, Say... leadIn) {
        return TwimlWriter.xml(askPin(PLACEHOLDER_ACCOUNT, leadIn))
                .replace(pinUrl(PLACEHOLDER_ACCOUNT), pinUrl(accountNumber));
    }

    /** The PIN step's URL for a call that entered {@code accountNumber} (digits only). */
    static String pinUrl(String accountNumber) {
        return VoicePaths.VOICE_PIN + "?" + PinStep.ACCOUNT_HINT + "="
                + URLEncoder.encode(accountNumber, StandardCharsets.UTF_8);
    }

    public Prompts prompts() {
        return prompts;
    }
}
