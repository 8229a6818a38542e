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
                .redirect(new Redirect.Builder(VoicePaths.VOICE_ACCOUNT)
                        .method(HttpMethod.POST)
                        .build())
                .build();
    }

    /** Asks for the PIN; the account number rides in the action's query as a hint for the one-statement path, never as the truth. */
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

    /** {@link #askPin} as text, rendered once with a placeholder (BENCHMARKS.md, "Why the hot paths look as they do"). */
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
