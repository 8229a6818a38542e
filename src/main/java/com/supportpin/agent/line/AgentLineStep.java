package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;

/** An agent calls the agent line: ask for the agent code. Caller ID never signs anybody in. */
public final class AgentLineStep implements VoiceStep {

    private final AgentCallTransaction transaction;
    private final AgentLine line;

    AgentLineStep(AgentCallTransaction transaction, AgentLine line) {
        this.transaction = transaction;
        this.line = line;
    }

    @Override
    public String name() {
        return "agent-line";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.run(request, name(), (handle, call, digits) -> call.signedIn()
                ? line.next(handle, call)
                : new AgentCallTransaction.Decided(call, line.askCode(line.prompts().say("agent.welcome")),
                        AgentOutcome.WELCOMED));
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
