package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The status callback: records the call's final status; a finished call leaves its queue and bridge. */
public final class CallStatusStep implements VoiceStep {

    /** Statuses after which the call is over: it no longer waits in any queue nor talks to an agent. */
    static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    private final Jdbi jdbi;
    private final Clock clock;

    public CallStatusStep(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String status = request.word("CallStatus");
        jdbi.useExtension(CallDao.StatusRecording.class, calls -> calls.recordStatus(request.callSid(),
                request.from(), status, FINAL_STATUSES.contains(status), "hangup", clock.instant()));
        return StepResult.of(new VoiceResponse.Builder().build(), status);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder().build();
    }
}
