package com.supportpin.voice;

import com.supportpin.Routes;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;

/** The two questions of the call flow: the account number, then the PIN. */
public final class Prompting {

    /** Seconds of silence before Twilio gives up on a Gather (also between digits). */
    static final int ACCOUNT_TIMEOUT_S = 7;
    static final int PIN_TIMEOUT_S = 8;

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
                .action(Routes.VOICE_ACCOUNT)
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
                .redirect(new Redirect.Builder(Routes.VOICE_ACCOUNT).method(HttpMethod.POST).build())
                .build();
    }

    /** Asks for the PIN; numDigits submits as soon as the last digit is in. */
    public VoiceResponse askPin(Say... leadIn) {
        var gather = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .action(Routes.VOICE_PIN)
                .method(HttpMethod.POST)
                .numDigits(pinDigits)
                .timeout(PIN_TIMEOUT_S);
        for (Say say : leadIn) {
            gather.say(say);
        }
        gather.say(prompts.say("pin.prompt", pinDigits));
        return new VoiceResponse.Builder()
                .gather(gather.build())
                .redirect(new Redirect.Builder(Routes.VOICE_PIN).method(HttpMethod.POST).build())
                .build();
    }

    public Prompts prompts() {
        return prompts;
    }
}
