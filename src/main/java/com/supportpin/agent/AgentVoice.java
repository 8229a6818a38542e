package com.supportpin.agent;

import com.supportpin.Routes;
import com.supportpin.pin.PinHasher;
import com.supportpin.voice.Prompts;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Builds the agent line's steps for the composition root. */
public final class AgentVoice {

    private AgentVoice() {
    }

    public static Routes.AgentVoiceSteps steps(Jdbi jdbi, PinHasher hasher, Clock clock, Prompts prompts, Agents agents,
            int maxFailures, Duration lockout) {
        var transaction = new AgentCallTransaction(jdbi, hasher, clock);
        var line = new AgentLine(prompts, clock);
        return new Routes.AgentVoiceSteps(
                new AgentLineStep(transaction, line),
                new AgentCodeStep(transaction, line),
                new AgentPasscodeStep(transaction, line, agents, clock, maxFailures, lockout),
                new AgentNextStep(transaction, line),
                new AgentDialEndStep(transaction, line, clock),
                new AgentStatusStep(jdbi, clock),
                new QueueConnectStep(jdbi, clock, prompts));
    }
}
