package com.supportpin.voice;

import java.util.Optional;

/** What a step's answer meant: its word in the log line and the metrics, and what it did to verification. */
public interface Outcome {

    /** The log line's {@code outcome=} and the metrics' outcome tag (a closed set: each outcome is a constant). */
    String metricName();

    /** Why this outcome sent the caller to the unverified queue; empty when it did not. */
    default Optional<UnverifiedReason> unverifiedReason() {
        return Optional.empty();
    }
}
