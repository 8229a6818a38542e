package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;

/** An agent calls the agent line: ask for the agent code. Caller ID never signs anybody in. */
public final class AgentLineStep extends AgentStep {

    AgentLineStep(AgentCallTransaction transaction, AgentLine line) {
        super("agent-line", transaction, line);
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(
                request,
                name(),
                (handle, call, digits) ->
                        call.signedIn() ? line.next(handle, call) : line.welcome(call, AgentOutcome.WELCOMED));
    }
}
