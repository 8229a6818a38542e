package com.supportpin.agent.line;

import com.supportpin.callback.CallbackAnswerStep;
import com.supportpin.callback.Callbacks;
import com.supportpin.voice.QueueDao;
import com.supportpin.voice.TwilioRequest;
import java.time.Clock;
import java.time.Instant;

/** The Dial action of a callback on the agent's leg: reached, or not (tried later or closed), then the next caller. */
public final class AgentCallbackDialEndStep extends AgentStep {

    private final Callbacks callbacks;
    private final Clock clock;

    AgentCallbackDialEndStep(AgentCallTransaction transaction, AgentLine line, Callbacks callbacks, Clock clock) {
        super("agent-callback-dial-end", transaction, line);
        this.callbacks = callbacks;
        this.clock = clock;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String status = request.word("DialCallStatus");
        boolean bridged = request.flag("DialBridged");
        String customerLeg = request.otherCallSid("DialCallSid").orElse(null);
        Long attempt = CallbackAnswerStep.attemptOf(request).orElse(null);
        return transaction.run(request, name(), (handle, call, digits) -> {
            Instant now = clock.instant();
            handle.attach(QueueDao.class).bridgeEnded(call.callSid(), now);
            Callbacks.DialOutcome outcome = attempt == null
                    ? Callbacks.DialOutcome.UNKNOWN
                    : callbacks.dialEnded(handle, attempt, call.callSid(), status, bridged, customerLeg, now);
            if (!call.signedIn()) {
                return line.welcome(call, AgentOutcome.NOT_SIGNED_IN);
            }
            return switch (outcome) {
                case REACHED -> new AgentCallTransaction.Decided(call, line.offerNext(), AgentOutcome.CALLBACK_REACHED);
                case TRY_AGAIN_LATER ->
                    line.nextAfterUnansweredDial(handle, call, line.prompts().say("agent.callback.try_again_later"))
                            .as(AgentOutcome.CALLBACK_NOT_REACHED);
                case CLOSED_UNREACHED ->
                    line.nextAfterUnansweredDial(handle, call, line.prompts().say("agent.callback.closed"))
                            .as(AgentOutcome.CALLBACK_CLOSED_UNREACHED);
                case UNKNOWN -> line.nextAfterUnansweredDial(handle, call).as(AgentOutcome.CALLBACK_UNKNOWN);
            };
        });
    }
}
