package com.supportpin.agent.line;

import com.supportpin.agent.AgentDao;
import com.supportpin.agent.Agents;
import com.supportpin.contact.HashingExecutor;
import com.supportpin.pin.GuardCount;
import com.supportpin.voice.TwilioRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The agent keyed their passcode: sign in, or count a failure against the call and the agent code. */
public final class AgentPasscodeStep extends AgentStep {

    private final Agents agents;
    private final HashingExecutor hashing;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    AgentPasscodeStep(
            AgentCallTransaction transaction,
            AgentLine line,
            Agents agents,
            HashingExecutor hashing,
            Clock clock,
            int maxFailures,
            Duration lockout) {
        super("agent-passcode", transaction, line);
        this.agents = agents;
        this.hashing = hashing;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
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
            return line.silence(call, line::askPasscode);
        }
        // A place on the agent line's hashing executor first: when it is full the agent is asked to try
        // again at once, and nothing is counted (no hash, so the attempt told nobody anything).
        Optional<HashingExecutor.Slot> slot = hashing.reserve();
        if (slot.isEmpty()) {
            return new AgentCallTransaction.Decided(
                    call, line.askCode(line.prompts().say("agent.busy")), AgentOutcome.BUSY);
        }
        try (HashingExecutor.Slot reserved = slot.get()) {
            return check(handle, call, digits.get(), reserved);
        }
    }

    private AgentCallTransaction.Decided check(
            Handle handle, AgentCallDao.AgentCall call, String passcode, HashingExecutor.Slot slot) {
        String code = call.codeEntered();
        Instant now = clock.instant();
        boolean wellFormed = Agents.AGENT_CODE.matcher(code).matches();
        // Counted first: the statement also locks the code's guard row until this step commits, so a
        // parallel guess at the same code waits here and then sees this count (or the lock it started).
        // Codes of the wrong shape can never exist, so they are not worth a guard row; the call counts them.
        AgentGuardDao guard = handle.attach(AgentGuardDao.class);
        GuardCount count = wellFormed
                ? guard.recordAttemptUnlessLocked(code, maxFailures, now.plus(lockout), now)
                : GuardCount.COUNTED;
        if (count == GuardCount.ALREADY_LOCKED) {
            return new AgentCallTransaction.Decided(
                    call.withFailure(), line.goodbye("agent.locked"), AgentOutcome.LOCKED);
        }
        Optional<AgentDao.Agent> agent =
                wellFormed ? handle.attach(AgentDao.class).findByCode(code) : Optional.empty();
        Optional<AgentDao.Agent> signedIn = slot.call(() -> agents.checkPasscode(agent, passcode));
        if (signedIn.isPresent()) {
            guard.forgive(code);
            return line.next(
                    handle,
                    call.signedInAs(signedIn.get().id(), now),
                    line.prompts().say("agent.signed_in", signedIn.get().name()));
        }
        AgentCallDao.AgentCall failed = call.withFailure();
        if (count == GuardCount.LOCKED_NOW) {
            return new AgentCallTransaction.Decided(failed, line.goodbye("agent.locked"), AgentOutcome.LOCKED_NOW);
        }
        if (failed.failures() >= AgentLine.MAX_TRIES_PER_CALL) {
            return new AgentCallTransaction.Decided(
                    failed, line.goodbye("agent.failed", "agent.goodbye"), AgentOutcome.FAILED_ENDED);
        }
        return new AgentCallTransaction.Decided(
                failed, line.askCode(line.prompts().say("agent.failed.again")), AgentOutcome.FAILED);
    }
}
