package com.supportpin.agent.line;

import com.supportpin.voice.QueueDao;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Set;

/**
 * The Dial action of the agent's leg: the bridged call is over (or the Dial ended without one).
 * After a conversation the next caller is offered; otherwise the queues are checked again at once.
 */
public final class AgentDialEndStep implements VoiceStep {

    /** DialCallStatus values after which the agent has talked to a caller. */
    private static final Set<String> TALKED = Set.of("completed", "answered");

    private final AgentCallTransaction transaction;
    private final AgentLine line;
    private final Clock clock;

    AgentDialEndStep(AgentCallTransaction transaction, AgentLine line, Clock clock) {
        this.transaction = transaction;
        this.line = line;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "agent-dial-end";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String status = request.param("DialCallStatus").map(String::trim).orElse("");
        return transaction.run(request, name(), (handle, call, digits) -> {
            handle.attach(QueueDao.class).bridgeEnded(call.callSid(), clock.instant());
            if (!call.signedIn()) {
                return new AgentCallTransaction.Decided(call, line.askCode(line.prompts().say("agent.welcome")),
                        AgentOutcome.NOT_SIGNED_IN);
            }
            if (TALKED.contains(status)) {
                return new AgentCallTransaction.Decided(call, line.offerNext(), AgentOutcome.OFFER_NEXT);
            }
            return line.next(handle, call);
        });
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
