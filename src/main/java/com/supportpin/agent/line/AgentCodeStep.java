package com.supportpin.agent.line;

import com.supportpin.voice.TwilioRequest;
import java.util.Optional;

/** The agent keyed their code; the passcode is asked whatever was keyed, so the line never tells which codes exist. */
public final class AgentCodeStep extends AgentStep {

    /** Longest input kept as the code entered; longer input can never match and is cut. */
    static final int MAX_CODE_LENGTH = 20;

    AgentCodeStep(AgentCallTransaction transaction, AgentLine line) {
        super("agent-code", transaction, line);
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
            return line.silence(call, line::askCode);
        }
        String code = digits.get();
        String kept = code.length() > MAX_CODE_LENGTH ? code.substring(0, MAX_CODE_LENGTH) : code;
        return new AgentCallTransaction.Decided(call.withCode(kept), line.askPasscode(), AgentOutcome.CODE_ENTERED);
    }
}
