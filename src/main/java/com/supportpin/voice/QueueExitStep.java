package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The Enqueue action: the caller left the queue. Records QueueResult and QueueTime. */
public final class QueueExitStep extends NamedStep {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Prompts prompts;

    public QueueExitStep(Jdbi jdbi, Clock clock, Prompts prompts) {
        super("queue-exit");
        this.jdbi = jdbi;
        this.clock = clock;
        this.prompts = prompts;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String word = request.word("QueueResult");
        QueueExitOutcome result = QueueExitOutcome.of(word);
        Integer queueTime =
                request.integer("QueueTime").filter(seconds -> seconds >= 0).orElse(null);
        // After a bridge this request comes when the bridged call has ended; "bridging" means it is only starting.
        boolean bridgeOver = result != QueueExitOutcome.BRIDGING_IN_PROCESS;
        boolean callbackRequested = jdbi.withExtension(
                QueueDao.Exit.class,
                exit -> exit.exited(request.callSid(), word, queueTime, bridgeOver, clock.instant()));
        if (result == QueueExitOutcome.LEAVE && callbackRequested) {
            return StepResult.of(
                    new VoiceResponse.Builder()
                            .say(prompts.say("hold.callback.goodbye"))
                            .hangup(new Hangup.Builder().build())
                            .build(),
                    QueueExitOutcome.LEFT_FOR_CALLBACK);
        }
        return StepResult.of(answer(result), result);
    }

    private VoiceResponse answer(QueueExitOutcome result) {
        if (result.quiet()) {
            return new VoiceResponse.Builder().build();
        }
        return new VoiceResponse.Builder()
                .say(prompts.say("queue.failed"))
                .hangup(new Hangup.Builder().build())
                .build();
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return answer(QueueExitOutcome.of(request.word("QueueResult")));
    }
}
