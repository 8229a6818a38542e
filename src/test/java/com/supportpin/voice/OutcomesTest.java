package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentOutcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outcomes are constants that know their metric name and what they did to the caller's verification. */
class OutcomesTest {

    private static final List<Class<? extends Enum<?>>> OUTCOMES = List.of(
            CallOutcome.class, QueueExitOutcome.class, CallStatus.class, WebhookFailure.class, AgentOutcome.class);

    @Test
    void everyOutcomeHasADistinctMetricNameWithinItsType() {
        for (Class<? extends Enum<?>> type : OUTCOMES) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(value -> ((Outcome) value).metricName())
                    .toList();
            assertThat(names)
                    .as(type.getSimpleName())
                    .doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(name).matches("[a-z][a-z-]{0,39}"));
        }
    }

    @Test
    void anOutcomeThatRoutesUnverifiedEndsTheVerificationUnderItsReason() {
        assertThat(CallOutcome.NO_PIN.verification()).hasValue("no_pin");
        assertThat(CallOutcome.SILENCE_UNVERIFIED.verification()).hasValue("no_input");
        assertThat(CallOutcome.INVALID_UNVERIFIED.unverifiedReason()).hasValue(UnverifiedReason.SILENCE);
        assertThat(CallOutcome.FAILED.verification()).hasValue("failed");
        assertThat(CallOutcome.LOCKOUT.unverifiedReason()).hasValue(UnverifiedReason.LOCKED);
        assertThat(CallOutcome.VERIFIED.verification()).hasValue("verified");
        assertThat(CallOutcome.WRONG_PIN.verification()).isEmpty();
        assertThat(CallOutcome.SILENCE.verification()).isEmpty();
        assertThat(Arrays.stream(AgentOutcome.values()))
                .allSatisfy(outcome -> assertThat(outcome.unverifiedReason()).isEmpty());
    }

    @Test
    void aRepromptOutOfTriesBecomesItsUnverifiedTwin() {
        assertThat(CallOutcome.SILENCE.outOfReprompts()).isEqualTo(CallOutcome.SILENCE_UNVERIFIED);
        assertThat(CallOutcome.INVALID.outOfReprompts()).isEqualTo(CallOutcome.INVALID_UNVERIFIED);
    }

    @Test
    void aLockedAccountIsStoredAsLockedButHearsTheFailedPrompt() {
        assertThat(UnverifiedReason.LOCKED.code()).isEqualTo("locked");
        assertThat(UnverifiedReason.LOCKED.promptKey()).isEqualTo(UnverifiedReason.FAILED.promptKey());
        assertThat(UnverifiedReason.NO_PIN.code()).isEqualTo("no_pin");
    }

    @Test
    void twilioWordsBecomeOutcomesAndUnknownOnesOther() {
        assertThat(QueueExitOutcome.of("bridging-in-process")).isEqualTo(QueueExitOutcome.BRIDGING_IN_PROCESS);
        assertThat(QueueExitOutcome.of("left-for-callback")).isEqualTo(QueueExitOutcome.OTHER);
        assertThat(QueueExitOutcome.of("something-new")).isEqualTo(QueueExitOutcome.OTHER);
        assertThat(CallStatus.of("no-answer").isFinal()).isTrue();
        assertThat(CallStatus.of("in-progress").isFinal()).isFalse();
        assertThat(CallStatus.of("")).isEqualTo(CallStatus.OTHER);
    }
}
