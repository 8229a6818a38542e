package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Play;

/**
 * The Enqueue waitUrl: what a waiting caller hears. Twilio requests it again each time it runs out,
 * so the position is repeated after every stretch of hold music.
 */
public final class HoldStep implements VoiceStep {

    private final Prompts prompts;
    private final String holdMusicUrl;

    public HoldStep(Prompts prompts, String holdMusicUrl) {
        this.prompts = prompts;
        this.holdMusicUrl = holdMusicUrl;
    }

    @Override
    public String name() {
        return "hold";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        var response = new VoiceResponse.Builder();
        request.integer("QueuePosition").filter(position -> position > 0).ifPresentOrElse(
                position -> response.say(prompts.say("hold.position", position)),
                () -> response.say(prompts.say("hold.thanks")));
        response.play(new Play.Builder(holdMusicUrl).build());
        return StepResult.of(response.build(), "waiting");
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder().play(new Play.Builder(holdMusicUrl).build()).build();
    }
}
