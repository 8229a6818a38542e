package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;

/** A signed-in agent is ready (idle loop, or 1 pressed after a call): connect the next caller. */
public final class AgentNextStep extends AgentStep {

    AgentNextStep(AgentCallTransaction transaction, AgentLine line) {
        super("agent-next", transaction, line);
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(
                request,
                name(),
                (handle, call, digits) -> line.refusal(handle, call).orElseGet(() -> line.next(handle, call)));
    }
}
