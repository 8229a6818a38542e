package com.supportpin.agent.line;

import com.supportpin.voice.NamedStep;
import com.supportpin.voice.Prompts;
import com.supportpin.voice.QueueDao;
import com.supportpin.voice.QueueExitOutcome;
import com.supportpin.voice.TwilioRequest;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The Queue url of an agent's Dial, on the caller's leg just before the bridge: records which agent got which caller. */
public final class QueueConnectStep extends NamedStep {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Prompts prompts;

    QueueConnectStep(Jdbi jdbi, Clock clock, Prompts prompts) {
        super("queue-connect");
        this.jdbi = jdbi;
        this.clock = clock;
        this.prompts = prompts;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        Optional<String> agentCallSid = request.otherCallSid("DequeingCallSid");
        Optional<Long> agent = jdbi.withExtension(
                QueueDao.Connect.class,
                queues -> queues.connected(
                        request.callSid(),
                        agentCallSid.orElse(null),
                        QueueExitOutcome.BRIDGED.metricName(),
                        clock.instant()));
        AgentOutcome outcome = agentCallSid.isEmpty()
                ? AgentOutcome.NO_DEQUEUER
                : agent.isPresent() ? AgentOutcome.BRIDGED : AgentOutcome.BRIDGED_UNKNOWN_AGENT;
        return StepResult.of(connecting(), outcome);
    }

    private VoiceResponse connecting() {
        return new VoiceResponse.Builder().say(prompts.say("connecting")).build();
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return connecting();
    }
}
