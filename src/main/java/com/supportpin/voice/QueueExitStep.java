package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import java.time.Clock;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The Enqueue action: the caller left the queue. Records QueueResult and QueueTime. */
public final class QueueExitStep implements VoiceStep {

    /** Results after which the call is over or continues elsewhere: nothing more to say. */
    private static final Set<String> QUIET_RESULTS = Set.of("bridged", "bridging-in-process", "hangup",
            "redirected", "redirected-from-bridged", "leave");

    private final Jdbi jdbi;
    private final Clock clock;
    private final Prompts prompts;

    public QueueExitStep(Jdbi jdbi, Clock clock, Prompts prompts) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.prompts = prompts;
    }

    @Override
    public String name() {
        return "queue-exit";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String result = request.word("QueueResult");
        Integer queueTime = request.integer("QueueTime").filter(seconds -> seconds >= 0).orElse(null);
        // After a bridge this request comes when the bridged call has ended; "bridging" means it is only starting.
        boolean bridgeOver = !result.startsWith("bridging");
        boolean callbackRequested = jdbi.withExtension(QueueDao.Exit.class,
                exit -> exit.exited(request.callSid(), result, queueTime, bridgeOver, clock.instant()));
        if (result.equals("leave") && callbackRequested) {
            return StepResult.of(new VoiceResponse.Builder()
                    .say(prompts.say("hold.callback.goodbye"))
                    .hangup(new Hangup.Builder().build())
                    .build(), "left-for-callback");
        }
        return StepResult.of(answer(result), result);
    }

    private VoiceResponse answer(String result) {
        if (QUIET_RESULTS.contains(result)) {
            return new VoiceResponse.Builder().build();
        }
        return new VoiceResponse.Builder()
                .say(prompts.say("queue.failed"))
                .hangup(new Hangup.Builder().build())
                .build();
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return answer(request.word("QueueResult"));
    }
}
