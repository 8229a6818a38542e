package com.supportpin.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/** Callback counters and time to reach, tagged from enums and registered at zero, so alerts work from the start. */
public final class CallbackMetrics {

    private final MeterRegistry registry;

    public CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        List.of(true, false).forEach(created -> requested(created));
        placed();
        reached();
        for (AttemptResult result : AttemptResult.values()) {
            if (result != AttemptResult.REACHED) {
                unreached(result, true);
                unreached(result, false);
            }
        }
        timeToReach();
    }

    /** A callback request: a new one, or an update of the number's open one. */
    private Counter requested(boolean created) {
        return Counter.builder("ivr.callbacks.requested")
                .description(
                        "Callback requests by callers on hold (kind=update: the number's open callback was updated)")
                .tag("kind", created ? "new" : "update")
                .register(registry);
    }

    void countRequest(boolean created) {
        requested(created).increment();
    }

    private Counter placed() {
        return Counter.builder("ivr.callbacks.placed")
                .description("Calls placed to customers from an agent's call (attempts)")
                .register(registry);
    }

    void countPlaced() {
        placed().increment();
    }

    private Counter reached() {
        return Counter.builder("ivr.callbacks.reached")
                .description("Callbacks whose customer pressed 1 and was connected to an agent")
                .register(registry);
    }

    private Timer timeToReach() {
        return Timer.builder("ivr.callback.reach")
                .description("Time from a callback request to the customer being reached")
                .serviceLevelObjectives(
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(30),
                        Duration.ofHours(1),
                        Duration.ofHours(2),
                        Duration.ofHours(4),
                        Duration.ofHours(8),
                        Duration.ofHours(24))
                .register(registry);
    }

    void countReached(Duration sinceRequest) {
        reached().increment();
        timeToReach().record(sinceRequest.isNegative() ? Duration.ZERO : sinceRequest);
    }

    private Counter unreached(AttemptResult result, boolean last) {
        return Counter.builder("ivr.callbacks.unreached")
                .description(
                        "Attempts that did not reach the customer, by result (final=true: the callback closed unreached)")
                .tag("result", result.word())
                .tag("final", String.valueOf(last))
                .register(registry);
    }

    void countUnreached(AttemptResult result, boolean last) {
        unreached(result, last).increment();
    }
}
