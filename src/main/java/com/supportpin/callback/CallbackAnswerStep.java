package com.supportpin.callback;

import com.supportpin.voice.NamedStep;
import com.supportpin.voice.Prompts;
import com.supportpin.voice.TwilioRequest;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Number url of a callback's Dial: asks whoever answered to press 1, naming no customer and no account. */
public final class CallbackAnswerStep extends NamedStep {

    /** Seconds each "press 1" waits for the key. */
    static final int PRESS_TIMEOUT_S = 8;

    private static final Pattern ATTEMPT_ID = Pattern.compile("^[0-9]{1,18}$");

    private final Callbacks callbacks;
    private final Prompts prompts;

    public CallbackAnswerStep(Callbacks callbacks, Prompts prompts) {
        super("callback-answer");
        this.callbacks = callbacks;
        this.prompts = prompts;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        Optional<Long> attempt = attemptOf(request);
        if (attempt.isEmpty() || !callbacks.answered(attempt.get(), request.callSid())) {
            return StepResult.of(unknown(prompts), CallbackOutcome.UNKNOWN_ATTEMPT);
        }
        return StepResult.of(askToPressOne(attempt.get()), CallbackOutcome.ASKED);
    }

    /** Two chances to press 1, then goodbye (what a voicemail records). */
    private VoiceResponse askToPressOne(long attemptId) {
        return new VoiceResponse.Builder()
                .gather(pressOne(attemptId, "callback.customer.prompt"))
                .gather(pressOne(attemptId, "callback.customer.again"))
                .say(prompts.say("callback.customer.missed"))
                .hangup(new Hangup.Builder().build())
                .build();
    }

    private Gather pressOne(long attemptId, String promptKey) {
        return new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .numDigits(1)
                .timeout(PRESS_TIMEOUT_S)
                .action(CallbackPaths.press(attemptId))
                .method(HttpMethod.POST)
                .say(prompts.say(promptKey))
                .build();
    }

    static VoiceResponse unknown(Prompts prompts) {
        return new VoiceResponse.Builder()
                .say(prompts.say("callback.customer.unknown"))
                .hangup(new Hangup.Builder().build())
                .build();
    }

    /** The attempt named in the URL's query; empty when missing or malformed. */
    public static Optional<Long> attemptOf(TwilioRequest request) {
        return request.queryParam(CallbackPaths.ATTEMPT)
                .map(String::trim)
                .filter(id -> ATTEMPT_ID.matcher(id).matches())
                .map(Long::parseLong);
    }

    /** The database is down: still let the customer choose, since an agent is waiting on the other end. */
    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return attemptOf(request).map(this::askToPressOne).orElseGet(() -> unknown(prompts));
    }
}
