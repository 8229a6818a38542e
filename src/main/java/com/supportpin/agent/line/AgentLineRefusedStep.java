package com.supportpin.agent.line;

import com.supportpin.voice.NamedStep;
import com.supportpin.voice.TwilioRequest;
import com.twilio.twiml.VoiceResponse;

/** Every agent-line step in TaskRouter mode: there are no named queues to dial, so it says so and hangs up. */
public final class AgentLineRefusedStep extends NamedStep {

    private final AgentLine line;

    AgentLineRefusedStep(AgentLine line) {
        super("agent-refused");
        this.line = line;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return StepResult.of(line.goodbye("agent.taskrouter"), AgentOutcome.TASKROUTER);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.taskrouter");
    }
}
