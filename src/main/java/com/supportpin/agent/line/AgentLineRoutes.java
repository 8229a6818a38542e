package com.supportpin.agent.line;

import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_CALLBACK;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_CALLBACK_DIAL_END;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_CODE;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_DIAL_END;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_NEXT;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_PASSCODE;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_AGENT_STATUS;
import static com.supportpin.agent.line.AgentLinePaths.VOICE_QUEUE_CONNECT;

import com.supportpin.agent.Agents;
import com.supportpin.callback.Callbacks;
import com.supportpin.contact.HashingExecutor;
import com.supportpin.pin.PinHasher;
import com.supportpin.voice.Prompts;
import com.supportpin.voice.VoiceStep;
import com.supportpin.voice.VoiceWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import spark.Service;

/** The agent line's steps and the Queue url step, each at the path Twilio posts to. */
public final class AgentLineRoutes {

    private final VoiceWebhooks webhooks;
    private final Map<String, VoiceStep> steps;

    private AgentLineRoutes(VoiceWebhooks webhooks, Map<String, VoiceStep> steps) {
        this.webhooks = webhooks;
        this.steps = steps;
    }

    /** The agent line's steps; in TaskRouter mode ({@code namedQueues} false) each of the line's own steps refuses. */
    public static AgentLineRoutes create(
            VoiceWebhooks webhooks,
            Jdbi jdbi,
            PinHasher hasher,
            Clock clock,
            Prompts prompts,
            Agents agents,
            HashingExecutor hashing,
            int maxFailures,
            Duration lockout,
            Callbacks callbacks,
            boolean namedQueues) {
        var transaction = new AgentCallTransaction(jdbi, hasher, clock);
        var line = new AgentLine(prompts, clock, callbacks);
        var status = new AgentStatusStep(jdbi, clock);
        var queueConnect = new QueueConnectStep(jdbi, clock, prompts);
        if (!namedQueues) {
            var refused = new AgentLineRefusedStep(line);
            return new AgentLineRoutes(
                    webhooks,
                    Map.of(
                            VOICE_AGENT,
                            refused,
                            VOICE_AGENT_CODE,
                            refused,
                            VOICE_AGENT_PASSCODE,
                            refused,
                            VOICE_AGENT_NEXT,
                            refused,
                            VOICE_AGENT_DIAL_END,
                            refused,
                            VOICE_AGENT_CALLBACK,
                            refused,
                            VOICE_AGENT_CALLBACK_DIAL_END,
                            refused,
                            VOICE_AGENT_STATUS,
                            status,
                            VOICE_QUEUE_CONNECT,
                            queueConnect));
        }
        return new AgentLineRoutes(
                webhooks,
                Map.of(
                        VOICE_AGENT, new AgentLineStep(transaction, line),
                        VOICE_AGENT_CODE, new AgentCodeStep(transaction, line),
                        VOICE_AGENT_PASSCODE,
                                new AgentPasscodeStep(transaction, line, agents, hashing, clock, maxFailures, lockout),
                        VOICE_AGENT_NEXT, new AgentNextStep(transaction, line),
                        VOICE_AGENT_DIAL_END, new AgentDialEndStep(transaction, line, clock),
                        VOICE_AGENT_CALLBACK, new AgentCallbackChoiceStep(transaction, line, callbacks, clock),
                        VOICE_AGENT_CALLBACK_DIAL_END,
                                new AgentCallbackDialEndStep(transaction, line, callbacks, clock),
                        VOICE_AGENT_STATUS, status,
                        VOICE_QUEUE_CONNECT, queueConnect));
    }

    /** Mounts the steps; the signature check on /voice/* comes from the voice routes. */
    public void mount(Service http) {
        steps.forEach((path, step) -> http.post(path, webhooks.route(step)));
    }
}
