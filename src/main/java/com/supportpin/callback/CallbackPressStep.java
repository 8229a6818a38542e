package com.supportpin.callback;

import com.supportpin.voice.NamedStep;
import com.supportpin.voice.Prompts;
import com.supportpin.voice.TwilioRequest;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import java.util.Optional;

/** The customer's answer to "press 1": 1 ends the document without a Hangup, so Twilio connects them; else their leg ends. */
public final class CallbackPressStep extends NamedStep {

    private final Callbacks callbacks;
    private final Prompts prompts;

    public CallbackPressStep(Callbacks callbacks, Prompts prompts) {
        super("callback-press");
        this.callbacks = callbacks;
        this.prompts = prompts;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        Optional<Long> attempt = CallbackAnswerStep.attemptOf(request);
        if (attempt.isEmpty()) {
            return StepResult.of(CallbackAnswerStep.unknown(prompts), CallbackOutcome.UNKNOWN_ATTEMPT);
        }
        if (pressedOne(request)) {
            callbacks.connect(attempt.get(), request.callSid());
            return StepResult.of(connecting(), CallbackOutcome.REACHED);
        }
        callbacks.decline(attempt.get(), request.callSid());
        return StepResult.of(declined(), CallbackOutcome.DECLINED);
    }

    private static boolean pressedOne(TwilioRequest request) {
        return request.digits().filter("1"::equals).isPresent();
    }

    private VoiceResponse connecting() {
        return new VoiceResponse.Builder()
                .say(prompts.say("callback.customer.connecting"))
                .build();
    }

    private VoiceResponse declined() {
        return new VoiceResponse.Builder()
                .say(prompts.say("callback.customer.declined"))
                .hangup(new Hangup.Builder().build())
                .build();
    }

    /** The database is down: the customer who pressed 1 is still connected to the waiting agent. */
    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return pressedOne(request) ? connecting() : declined();
    }
}
