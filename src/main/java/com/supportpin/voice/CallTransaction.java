package com.supportpin.voice;

import com.supportpin.pin.PinHasher;
import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a digits step in one transaction on the locked call row, and makes it idempotent: a webhook
 * Twilio retries with the same keys gets the stored answer back instead of being counted again.
 */
public final class CallTransaction {

    /** A step's decision: the call's new state, the TwiML and an outcome word. */
    public record Decided(CallDao.CallState next, VoiceResponse twiml, String outcome) {
    }

    /** Decides a step from the locked call row and the keys pressed (empty for silence). */
    @FunctionalInterface
    public interface Decision {
        Decided decide(Handle handle, CallDao.CallState call, Optional<String> digits);
    }

    private final Jdbi jdbi;
    private final PinHasher hasher;
    private final Clock clock;
    private final QueueRouting routing;

    public CallTransaction(Jdbi jdbi, PinHasher hasher, Clock clock, QueueRouting routing) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
        this.routing = routing;
    }

    public VoiceStep.StepResult run(TwilioRequest request, String step, Decision decision) {
        return jdbi.inTransaction(handle -> {
            CallDao calls = handle.attach(CallDao.class);
            CallDao.CallState call = calls.lockOrCreate(request.callSid(), request.from(), clock.instant());
            Optional<String> digits = request.digits();
            // Silence is never a retry: each one must count towards the re-prompt limit.
            byte[] fingerprint = digits.map(keys -> hasher.fingerprint(step, keys)).orElse(null);
            if (fingerprint != null && step.equals(call.lastStep()) && call.lastResponse() != null
                    && Arrays.equals(fingerprint, call.lastInputHash())) {
                return new VoiceStep.StepResult(call.lastResponse(), "replayed");
            }
            if (call.routed()) {
                VoiceResponse again = routing.again(routing.caller(handle, call));
                handle.attach(QueueDao.class).enqueued(call.callSid(), call.queue(), clock.instant());
                return VoiceStep.StepResult.of(again, "already-routed");
            }
            Decided decided = decision.decide(handle, call, digits);
            String xml = TwimlWriter.xml(decided.twiml());
            CallDao.CallState next = decided.next().answered(step, fingerprint, xml);
            if (next.routed()) {
                // The answer is an Enqueue: from now on the caller waits, by our own records.
                calls.saveAndEnqueue(next, clock.instant());
            } else {
                calls.save(next);
            }
            StepDeadline.check();
            return new VoiceStep.StepResult(xml, decided.outcome());
        });
    }
}
