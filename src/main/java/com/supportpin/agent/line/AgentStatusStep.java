package com.supportpin.agent.line;

import com.supportpin.voice.CallStatus;
import com.supportpin.voice.NamedStep;
import com.supportpin.voice.QueueDao;
import com.supportpin.voice.TwilioRequest;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The agent line's status callback: a finished agent call ends its sign-in and its bridge. */
public final class AgentStatusStep extends NamedStep {

    private final Jdbi jdbi;
    private final Clock clock;

    AgentStatusStep(Jdbi jdbi, Clock clock) {
        super("agent-status");
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        CallStatus status =
                CallStatus.of(request.param("CallStatus").map(String::trim).orElse(""));
        if (status.isFinal()) {
            jdbi.useTransaction(handle -> {
                var now = clock.instant();
                handle.attach(AgentCallDao.class).ended(request.callSid(), now);
                handle.attach(QueueDao.class).bridgeEnded(request.callSid(), now);
            });
            return StepResult.of(new VoiceResponse.Builder().build(), AgentOutcome.ENDED);
        }
        return StepResult.of(new VoiceResponse.Builder().build(), AgentOutcome.IGNORED);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return new VoiceResponse.Builder().build();
    }
}
