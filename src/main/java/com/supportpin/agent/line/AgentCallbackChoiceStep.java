package com.supportpin.agent.line;

import com.supportpin.callback.CallbackDao;
import com.supportpin.callback.CallbackPaths;
import com.supportpin.callback.Callbacks;
import com.supportpin.voice.QueueRouting;
import com.supportpin.voice.TwilioRequest;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The agent answered a callback offer: 1 places the call, 2 skips it, silence withdraws the offer. */
public final class AgentCallbackChoiceStep extends AgentStep {

    private final Callbacks callbacks;
    private final Clock clock;

    AgentCallbackChoiceStep(AgentCallTransaction transaction, AgentLine line, Callbacks callbacks, Clock clock) {
        super("agent-callback", transaction, line);
        this.callbacks = callbacks;
        this.clock = clock;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        // Not replayed by fingerprint: the same key answers a different offer each time. A repeated "1" finds
        // the call it already placed (see below); a repeated "2" finds nothing left to skip.
        return transaction.run(request, name(), (handle, call, digits) -> {
            Instant now = clock.instant();
            Optional<AgentCallTransaction.Decided> refused = line.refusal(handle, call);
            if (refused.isPresent()) {
                if (call.signedIn()) {
                    callbacks.release(handle, call.callSid(), call.agentId(), false, now);
                }
                return refused.get();
            }
            return switch (digits.orElse("")) {
                case "1" -> place(handle, call, now);
                case "2" -> {
                    callbacks.release(handle, call.callSid(), call.agentId(), true, now);
                    yield line.next(handle, call).as(AgentOutcome.SKIPPED);
                }
                case "" -> {
                    callbacks.release(handle, call.callSid(), call.agentId(), false, now);
                    yield new AgentCallTransaction.Decided(
                            call, line.pauseThenNext("agent.callback.withdrawn"), AgentOutcome.WITHDRAWN);
                }
                default ->
                    callbacks
                            .offeredTo(handle, call.callSid())
                            .map(queue -> new AgentCallTransaction.Decided(
                                    call,
                                    new VoiceResponse.Builder()
                                            .gather(line.callbackOffer(QueueRouting.VERIFIED_QUEUE.equals(queue)))
                                            .redirect(AgentLine.post(AgentLinePaths.VOICE_AGENT_CALLBACK))
                                            .build(),
                                    AgentOutcome.OFFERED_AGAIN))
                            .orElseGet(() -> line.next(handle, call));
            };
        });
    }

    private AgentCallTransaction.Decided place(Handle handle, AgentCallDao.AgentCall call, Instant now) {
        Optional<CallbackDao.Placed> placed = callbacks
                .place(handle, call.callSid(), call.agentId(), now)
                .or(() -> callbacks.calling(handle, call.callSid()));
        if (placed.isEmpty()) {
            return line.next(handle, call, line.prompts().say("agent.callback.taken"));
        }
        long attempt = placed.get().attemptId();
        Dial dial = new Dial.Builder()
                .callerId(callbacks.supportLineNumber())
                .action(AgentLinePaths.VOICE_AGENT_CALLBACK_DIAL_END + "?" + CallbackPaths.ATTEMPT + "=" + attempt)
                .method(HttpMethod.POST)
                .timeout(Callbacks.RING_TIMEOUT_S)
                .number(new Number.Builder(placed.get().caller())
                        .url(CallbackPaths.answer(attempt))
                        .method(HttpMethod.POST)
                        .build())
                .build();
        return new AgentCallTransaction.Decided(
                call.dialling(null, null),
                new VoiceResponse.Builder()
                        .say(line.prompts().say("agent.callback.calling"))
                        .dial(dial)
                        .build(),
                AgentOutcome.CALLBACK_PLACED);
    }
}
