package com.supportpin.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Play;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/** The Enqueue waitUrl: position, wait, the callback offer, hold music; refreshes the caller's waiting record. */
public final class HoldStep extends NamedStep {

    /** Seconds the callback offer waits for a key before the hold music resumes. */
    static final int CALLBACK_KEY_TIMEOUT_S = 5;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Prompts prompts;
    private final String holdMusicUrl;
    private final Duration callbackOfferAfter;
    private final Predicate<String> canCallBack;
    private final boolean namedQueues;

    /** {@code canCallBack}: whether this number may be offered a callback; {@code namedQueues}: false in TaskRouter mode. */
    public HoldStep(
            Jdbi jdbi,
            Clock clock,
            Prompts prompts,
            String holdMusicUrl,
            Duration callbackOfferAfter,
            Predicate<String> canCallBack,
            boolean namedQueues) {
        super("hold");
        this.jdbi = jdbi;
        this.clock = clock;
        this.prompts = prompts;
        this.holdMusicUrl = holdMusicUrl;
        this.callbackOfferAfter = callbackOfferAfter;
        this.canCallBack = canCallBack;
        this.namedQueues = namedQueues;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        Optional<Integer> position = request.integer("QueuePosition").filter(value -> value > 0);
        int waitedSeconds =
                request.integer("QueueTime").filter(value -> value >= 0).orElse(0);
        Instant now = clock.instant();
        if (namedQueues) {
            jdbi.useExtension(
                    QueueDao.Waiting.class,
                    queues -> queues.stillWaiting(
                            request.callSid(), QueueRouting.UNVERIFIED_QUEUE, now.minusSeconds(waitedSeconds), now));
        }

        var response = new VoiceResponse.Builder();
        position.ifPresentOrElse(
                value -> response.say(prompts.say("hold.position", value)),
                () -> response.say(prompts.say("hold.thanks")));
        request.integer("AvgQueueTime")
                .filter(seconds -> seconds > 0)
                .ifPresent(seconds -> response.say(
                        seconds < 60
                                ? prompts.say("hold.wait.short")
                                : prompts.say("hold.wait", Math.round(seconds / 60.0))));
        boolean offerCallback = waitedSeconds >= callbackOfferAfter.toSeconds() && canCallBack.test(request.from());
        if (offerCallback) {
            response.gather(new Gather.Builder()
                    .inputs(Gather.Input.DTMF)
                    .numDigits(1)
                    .timeout(CALLBACK_KEY_TIMEOUT_S)
                    .action(VoicePaths.VOICE_HOLD_CALLBACK)
                    .method(HttpMethod.POST)
                    .say(prompts.say("hold.callback.offer"))
                    .build());
        }
        response.play(new Play.Builder(holdMusicUrl).build());
        return StepResult.of(
                response.build(), offerCallback ? CallOutcome.WAITING_CALLBACK_OFFERED : CallOutcome.WAITING);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder()
                .play(new Play.Builder(holdMusicUrl).build())
                .build();
    }
}
