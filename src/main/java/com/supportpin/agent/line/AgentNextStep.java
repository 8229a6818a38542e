package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;

/** A signed-in agent is ready (idle loop, or 1 pressed after a call): connect the next caller. */
public final class AgentNextStep implements VoiceStep {

    private final AgentCallTransaction transaction;
    private final AgentLine line;

    AgentNextStep(AgentCallTransaction transaction, AgentLine line) {
        this.transaction = transaction;
        this.line = line;
    }

    @Override
    public String name() {
        return "agent-next";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(request, name(),
                (handle, call, digits) -> line.refusal(handle, call).orElseGet(() -> line.next(handle, call)));
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
