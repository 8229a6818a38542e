package com.supportpin.agent.line;

import com.supportpin.voice.QueueDao;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The agent line's status callback: a finished agent call ends its sign-in and its bridge. */
public final class AgentStatusStep implements VoiceStep {

    private static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    private final Jdbi jdbi;
    private final Clock clock;

    AgentStatusStep(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "agent-status";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String status = request.param("CallStatus").map(String::trim).orElse("unknown");
        if (FINAL_STATUSES.contains(status)) {
            jdbi.useTransaction(handle -> {
                var now = clock.instant();
                handle.attach(AgentCallDao.class).ended(request.callSid(), now);
                handle.attach(QueueDao.class).bridgeEnded(request.callSid(), now);
            });
            return StepResult.of(new VoiceResponse.Builder().build(), "ended");
        }
        return StepResult.of(new VoiceResponse.Builder().build(), "ignored");
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder().build();
    }
}
