package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Play;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * A waiting caller answered the callback offer. Pressing 1 records a callback request for agents and
 * leaves the queue (the Enqueue action then says goodbye); any other key goes back to the hold music.
 */
public final class HoldCallbackStep implements VoiceStep {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Prompts prompts;
    private final String holdMusicUrl;

    public HoldCallbackStep(Jdbi jdbi, Clock clock, Prompts prompts, String holdMusicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.prompts = prompts;
        this.holdMusicUrl = holdMusicUrl;
    }

    @Override
    public String name() {
        return "hold-callback";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        if (!request.digits().filter("1"::equals).isPresent()) {
            return StepResult.of(keepHolding(), CallOutcome.KEPT_WAITING);
        }
        jdbi.useExtension(QueueDao.class, queues -> queues.requestCallback(request.callSid(),
                request.from().length() > 64 ? null : request.from(), clock.instant()));
        return StepResult.of(new VoiceResponse.Builder()
                .say(prompts.say("hold.callback.recorded"))
                .leave(new Leave.Builder().build())
                .build(), CallOutcome.CALLBACK_REQUESTED);
    }

    private VoiceResponse keepHolding() {
        return new VoiceResponse.Builder().play(new Play.Builder(holdMusicUrl).build()).build();
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder()
                .say(prompts.say("hold.callback.unavailable"))
                .play(new Play.Builder(holdMusicUrl).build())
                .build();
    }
}
