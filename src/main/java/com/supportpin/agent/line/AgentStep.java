package com.supportpin.agent.line;

import com.supportpin.voice.NamedStep;
import com.supportpin.voice.TwilioRequest;
import com.twilio.twiml.VoiceResponse;

/** A step on the agent's own call row; when it fails, the agent hears an apology and the call ends. */
abstract class AgentStep extends NamedStep {

    final AgentCallTransaction transaction;
    final AgentLine line;

    AgentStep(String name, AgentCallTransaction transaction, AgentLine line) {
        super(name);
        this.transaction = transaction;
        this.line = line;
    }

    @Override
    public final VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
