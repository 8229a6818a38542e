package com.supportpin.agent.line;

import com.supportpin.agent.AgentDao;
import com.supportpin.agent.Agents;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The agent keyed their passcode: sign in, or count a failure against the call (three end it) and
 * against the agent code in PostgreSQL (repeated failures lock the code for a while, known or not).
 */
public final class AgentPasscodeStep implements VoiceStep {

    private final AgentCallTransaction transaction;
    private final AgentLine line;
    private final Agents agents;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    AgentPasscodeStep(AgentCallTransaction transaction, AgentLine line, Agents agents, Clock clock, int maxFailures,
            Duration lockout) {
        this.transaction = transaction;
        this.line = line;
        this.agents = agents;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    @Override
    public String name() {
        return "agent-passcode";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        return transaction.runDigits(request, name(), this::decide);
    }

    private AgentCallTransaction.Decided decide(Handle handle, AgentCallDao.AgentCall call, Optional<String> digits) {
        if (call.signedIn()) {
            return line.next(handle, call);
        }
        if (call.codeEntered() == null) {
            return new AgentCallTransaction.Decided(call, line.askCode(), AgentOutcome.NO_CODE);
        }
        if (digits.isEmpty()) {
            AgentCallDao.AgentCall next = call.withReprompt();
            if (next.reprompts() > AgentLine.MAX_REPROMPTS) {
                return new AgentCallTransaction.Decided(next, line.goodbye("agent.goodbye"),
                        AgentOutcome.SILENCE_ENDED);
            }
            return new AgentCallTransaction.Decided(next, line.askPasscode(line.prompts().say("agent.silence")),
                    AgentOutcome.SILENCE);
        }
        String code = call.codeEntered();
        Instant now = clock.instant();
        AgentGuardDao guard = handle.attach(AgentGuardDao.class);
        if (guard.lockedUntil(code, now).isPresent()) {
            return new AgentCallTransaction.Decided(call.withFailure(), line.goodbye("agent.locked"),
                    AgentOutcome.LOCKED);
        }
        boolean wellFormed = Agents.AGENT_CODE.matcher(code).matches();
        Optional<AgentDao.Agent> agent = wellFormed
                ? handle.attach(AgentDao.class).findByCode(code)
                : Optional.empty();
        Optional<AgentDao.Agent> signedIn = agents.checkPasscode(agent, digits.get());
        if (signedIn.isPresent()) {
            guard.recordSuccess(code);
            return line.next(handle, call.signedInAs(signedIn.get().id(), now),
                    line.prompts().say("agent.signed_in", signedIn.get().name()));
        }
        // Codes of the wrong shape can never exist, so they are not worth a guard row; the call counts them.
        boolean lockedNow = wellFormed && guard.recordFailure(code, maxFailures, now.plus(lockout));
        AgentCallDao.AgentCall failed = call.withFailure();
        if (lockedNow) {
            return new AgentCallTransaction.Decided(failed, line.goodbye("agent.locked"), AgentOutcome.LOCKED_NOW);
        }
        if (failed.failures() >= AgentLine.MAX_TRIES_PER_CALL) {
            return new AgentCallTransaction.Decided(failed, line.goodbye("agent.failed", "agent.goodbye"),
                    AgentOutcome.FAILED_ENDED);
        }
        return new AgentCallTransaction.Decided(failed, line.askCode(line.prompts().say("agent.failed.again")),
                AgentOutcome.FAILED);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return line.goodbye("agent.unavailable");
    }
}
