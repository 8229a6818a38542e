package com.supportpin.callback;

import com.supportpin.voice.CallOutcome;
import com.supportpin.voice.NamedStep;
import com.supportpin.voice.Prompts;
import com.supportpin.voice.QueueRouting;
import com.supportpin.voice.TwilioRequest;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Play;

/** A waiting caller answered the callback offer: 1 records a callback and leaves the queue; anything else keeps holding. */
public final class HoldCallbackStep extends NamedStep {

    private final Callbacks callbacks;
    private final Prompts prompts;
    private final String holdMusicUrl;

    public HoldCallbackStep(Callbacks callbacks, Prompts prompts, String holdMusicUrl) {
        super("hold-callback");
        this.callbacks = callbacks;
        this.prompts = prompts;
        this.holdMusicUrl = holdMusicUrl;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        if (!request.digits().filter("1"::equals).isPresent()) {
            return StepResult.of(keepHolding(), CallOutcome.KEPT_WAITING);
        }
        Callbacks.RequestOutcome outcome =
                callbacks.request(request.callSid(), request.from(), QueueRouting.UNVERIFIED_QUEUE);
        if (outcome == Callbacks.RequestOutcome.NOT_CALLABLE) {
            return StepResult.of(
                    new VoiceResponse.Builder()
                            .say(prompts.say("hold.callback.no_number"))
                            .play(new Play.Builder(holdMusicUrl).build())
                            .build(),
                    CallbackOutcome.CALLBACK_NOT_CALLABLE);
        }
        return StepResult.of(
                new VoiceResponse.Builder()
                        .say(prompts.say("hold.callback.recorded"))
                        .leave(new Leave.Builder().build())
                        .build(),
                outcome == Callbacks.RequestOutcome.UPDATED
                        ? CallbackOutcome.CALLBACK_UPDATED
                        : CallOutcome.CALLBACK_REQUESTED);
    }

    private VoiceResponse keepHolding() {
        return new VoiceResponse.Builder()
                .play(new Play.Builder(holdMusicUrl).build())
                .build();
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder()
                .say(prompts.say("hold.callback.unavailable"))
                .play(new Play.Builder(holdMusicUrl).build())
                .build();
    }
}
