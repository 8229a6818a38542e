package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;
import java.util.Optional;

/**
 * The agent keyed their agent code. Whatever was keyed, the passcode is asked next, so the line
 * never tells which codes exist.
 */
public final class AgentCodeStep implements VoiceStep {

    /** Longest input kept as the code entered; longer input can never match and is cut. */
    static final int MAX_CODE_LENGTH = 20;

    private final AgentCallTransaction transaction;
    private final AgentLine line;

    AgentCodeStep(AgentCallTransaction transaction, AgentLine line) {
        this.transaction = transaction;
        this.line = line;
    }

    @Override
    public String name() {
        return "agent-code";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.runDigits(request, name(), (handle, call, digits) -> decide(call, digits));
    }

    private AgentCallTransaction.Decided decide(AgentCallDao.AgentCall call, Optional<String> digits) {
        if (call.signedIn()) {
            return new AgentCallTransaction.Decided(call, line.askPasscode(), AgentOutcome.ALREADY_SIGNED_IN);
        }
        if (digits.isEmpty()) {
            AgentCallDao.AgentCall next = call.withReprompt();
            if (next.reprompts() > AgentLine.MAX_REPROMPTS) {
                return new AgentCallTransaction.Decided(next, line.goodbye("agent.goodbye"),
                        AgentOutcome.SILENCE_ENDED);
            }
            return new AgentCallTransaction.Decided(next, line.askCode(line.prompts().say("agent.silence")),
                    AgentOutcome.SILENCE);
        }
        String code = digits.get();
        String kept = code.length() > MAX_CODE_LENGTH ? code.substring(0, MAX_CODE_LENGTH) : code;
        return new AgentCallTransaction.Decided(call.withCode(kept), line.askPasscode(), AgentOutcome.CODE_ENTERED);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
