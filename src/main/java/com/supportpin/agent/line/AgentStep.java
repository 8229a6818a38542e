package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;

/** A step on the agent's own call row; when it fails, the agent hears an apology and the call ends. */
abstract class AgentStep implements VoiceStep {

    final AgentCallTransaction transaction;
    final AgentLine line;

    AgentStep(AgentCallTransaction transaction, AgentLine line) {
        this.transaction = transaction;
        this.line = line;
    }

    @Override
    public final VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
