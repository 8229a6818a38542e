package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The status callback: records the call's final status; a finished call leaves its queue and bridge. */
public final class CallStatusStep extends NamedStep {

    private final Jdbi jdbi;
    private final Clock clock;

    public CallStatusStep(Jdbi jdbi, Clock clock) {
        super("status");
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String word = request.word("CallStatus");
        CallStatus status = CallStatus.of(word);
        jdbi.useExtension(
                CallDao.StatusRecording.class,
                calls -> calls.recordStatus(
                        request.callSid(),
                        request.from(),
                        word,
                        status.isFinal(),
                        QueueExitOutcome.HANGUP.metricName(),
                        clock.instant()));
        return StepResult.of(new VoiceResponse.Builder().build(), status);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder().build();
    }
}
