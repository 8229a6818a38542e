package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;

/**
 * The agent line in TaskRouter mode: callers are TaskRouter Tasks, not in the named queues, so there is
 * nobody this line could dial. Every agent-line step says so and hangs up: agents take calls as
 * TaskRouter workers.
 */
public final class AgentLineRefusedStep implements VoiceStep {

    private final AgentLine line;

    AgentLineRefusedStep(AgentLine line) {
        this.line = line;
    }

    @Override
    public String name() {
        return "agent-refused";
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
