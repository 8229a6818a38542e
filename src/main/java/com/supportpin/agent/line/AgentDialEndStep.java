package com.supportpin.agent.line;

import com.supportpin.voice.QueueDao;
import com.supportpin.voice.TwilioRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** The Dial action after dialling a queue; a Dial that bridged nobody closes that queue's stale waiting records as gone. */
public final class AgentDialEndStep extends AgentStep {

    /** DialCallStatus values after which the agent has talked to a caller. */
    private static final Set<String> TALKED = Set.of("completed", "answered");

    private final Clock clock;

    AgentDialEndStep(AgentCallTransaction transaction, AgentLine line, Clock clock) {
        super("agent-dial-end", transaction, line);
        this.clock = clock;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String status = request.param("DialCallStatus").map(String::trim).orElse("");
        boolean twilioBridged = request.flag("DialBridged");
        return transaction.run(request, name(), (handle, call, digits) -> {
            Instant now = clock.instant();
            QueueDao queues = handle.attach(QueueDao.class);
            boolean talked = TALKED.contains(status)
                    || twilioBridged
                    || call.dialledAt() != null && queues.bridgedSince(call.callSid(), call.dialledAt());
            queues.bridgeEnded(call.callSid(), now);
            if (!call.signedIn()) {
                return line.welcome(call, AgentOutcome.NOT_SIGNED_IN);
            }
            if (talked) {
                return new AgentCallTransaction.Decided(
                        call.dialling(null, null), line.offerNext(), AgentOutcome.OFFER_NEXT);
            }
            int gone = call.dialledQueue() == null ? 0 : queues.closeGone(call.dialledQueue(), call.dialledAt(), now);
            return line.nextAfterUnansweredDial(handle, call)
                    .as(gone > 0 ? AgentOutcome.QUEUE_EMPTY_CLOSED : AgentOutcome.QUEUE_EMPTY);
        });
    }
}
