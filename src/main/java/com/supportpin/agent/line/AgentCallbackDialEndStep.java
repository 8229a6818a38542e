package com.supportpin.agent.line;

import com.supportpin.callback.CallbackAnswerStep;
import com.supportpin.callback.Callbacks;
import com.supportpin.voice.QueueDao;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The Dial action of a callback, on the agent's leg. Reached (the customer pressed 1, or Twilio says the
 * two were bridged): after the conversation, the next caller is offered. Otherwise the agent hears that
 * the customer was not reached (tried again later, or closed after the last attempt), and after a pause
 * the line checks for the next caller.
 */
public final class AgentCallbackDialEndStep implements VoiceStep {

    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-fA-F]{32}$");

    private final AgentCallTransaction transaction;
    private final AgentLine line;
    private final Callbacks callbacks;
    private final Clock clock;

    AgentCallbackDialEndStep(AgentCallTransaction transaction, AgentLine line, Callbacks callbacks, Clock clock) {
        this.transaction = transaction;
        this.line = line;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "agent-callback-dial-end";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        String status = request.word("DialCallStatus");
        boolean bridged = request.param("DialBridged").map(String::trim).filter("true"::equalsIgnoreCase).isPresent();
        String customerLeg = request.param("DialCallSid").map(String::trim)
                .filter(sid -> CALL_SID.matcher(sid).matches()).orElse(null);
        Long attempt = CallbackAnswerStep.attemptOf(request).orElse(null);
        return transaction.run(request, name(), (handle, call, digits) -> {
            Instant now = clock.instant();
            handle.attach(QueueDao.class).bridgeEnded(call.callSid(), now);
            Callbacks.DialOutcome outcome = attempt == null ? Callbacks.DialOutcome.UNKNOWN
                    : callbacks.dialEnded(handle, attempt, call.callSid(), status, bridged, customerLeg, now);
            if (!call.signedIn()) {
                return new AgentCallTransaction.Decided(call, line.askCode(line.prompts().say("agent.welcome")),
                        AgentOutcome.NOT_SIGNED_IN);
            }
            return switch (outcome) {
                case REACHED -> new AgentCallTransaction.Decided(call, line.offerNext(), AgentOutcome.CALLBACK_REACHED);
                case TRY_AGAIN_LATER -> decided(line.nextAfterUnansweredDial(handle, call,
                        line.prompts().say("agent.callback.try_again_later")), AgentOutcome.CALLBACK_NOT_REACHED);
                case CLOSED_UNREACHED -> decided(line.nextAfterUnansweredDial(handle, call,
                        line.prompts().say("agent.callback.closed")), AgentOutcome.CALLBACK_CLOSED_UNREACHED);
                case UNKNOWN -> decided(line.nextAfterUnansweredDial(handle, call), AgentOutcome.CALLBACK_UNKNOWN);
            };
        });
    }

    private static AgentCallTransaction.Decided decided(AgentCallTransaction.Decided next, AgentOutcome outcome) {
        return new AgentCallTransaction.Decided(next.next(), next.twiml(), outcome);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
