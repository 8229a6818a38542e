package com.supportpin.agent.line;

import com.supportpin.pin.PinHasher;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.TwimlWriter;
import com.supportpin.voice.VoiceStep;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Runs an agent-line step in one transaction on the locked agent call row; digits steps replay a retried webhook. */
final class AgentCallTransaction {

    /** A step's decision: the call's new state, the TwiML and its outcome. */
    record Decided(AgentCallDao.AgentCall next, VoiceResponse twiml, AgentOutcome outcome) {

        /** The same decision, told apart by another outcome. */
        Decided as(AgentOutcome other) {
            return new Decided(next, twiml, other);
        }
    }

    @FunctionalInterface
    interface Decision {
        Decided decide(Handle handle, AgentCallDao.AgentCall call, Optional<String> digits);
    }

    private final Jdbi jdbi;
    private final PinHasher hasher;
    private final Clock clock;

    AgentCallTransaction(Jdbi jdbi, PinHasher hasher, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A digits step: the same keys for the same step replay the stored answer. */
    VoiceStep.StepResult runDigits(TwilioRequest request, String step, Decision decision) {
        return run(request, step, true, decision);
    }

    /** A step whose input is not an answer (a Redirect, a Dial action): always decided afresh. */
    VoiceStep.StepResult run(TwilioRequest request, String step, Decision decision) {
        return run(request, step, false, decision);
    }

    private VoiceStep.StepResult run(TwilioRequest request, String step, boolean replayable, Decision decision) {
        return jdbi.inTransaction(handle -> {
            AgentCallDao calls = handle.attach(AgentCallDao.class);
            AgentCallDao.AgentCall call = calls.lockOrCreate(request.callSid(), request.from(), clock.instant());
            Optional<String> digits = request.digits();
            byte[] fingerprint = replayable
                    ? digits.map(keys -> hasher.fingerprint("agent-" + step, keys))
                            .orElse(null)
                    : null;
            if (call.isRetryOf(step, fingerprint)) {
                return new VoiceStep.StepResult(call.lastResponse(), AgentOutcome.REPLAYED);
            }
            Decided decided = decision.decide(handle, call, digits);
            String xml = TwimlWriter.xml(decided.twiml());
            calls.save(decided.next().answered(step, fingerprint, xml));
            return new VoiceStep.StepResult(xml, decided.outcome());
        });
    }
}
