package com.supportpin.voice;

import com.supportpin.Routes;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;

/** Puts a caller in the agent queue: {@value #VERIFIED_QUEUE} only when the system verified them. */
public final class QueueRouting {

    public static final String VERIFIED_QUEUE = "support";
    public static final String UNVERIFIED_QUEUE = "support-unverified";

    private final Prompts prompts;

    public QueueRouting(Prompts prompts) {
        this.prompts = prompts;
    }

    public VoiceResponse verified() {
        return new VoiceResponse.Builder()
                .say(prompts.say("verified"))
                .enqueue(enqueue(VERIFIED_QUEUE))
                .build();
    }

    public VoiceResponse unverified(UnverifiedReason reason) {
        return new VoiceResponse.Builder()
                .say(prompts.say(reason.promptKey()))
                .enqueue(enqueue(UNVERIFIED_QUEUE))
                .build();
    }

    private static Enqueue enqueue(String queue) {
        return new Enqueue.Builder(queue)
                .action(Routes.VOICE_QUEUE_EXIT)
                .method(HttpMethod.POST)
                .waitUrl(Routes.VOICE_HOLD)
                .waitUrlMethod(HttpMethod.POST)
                .build();
    }
}
