package com.supportpin.voice;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a step's answer meant: its word in the log line and the metrics, and what it did to verification. */
public interface Outcome {

    /** The log line's {@code outcome=} and the metrics' outcome tag (a closed set: each outcome is a constant). */
    String metricName();

    /** Why this outcome sent the caller to the unverified queue; empty when it did not. */
    default Optional<UnverifiedReason> unverifiedReason() {
        return Optional.empty();
    }

    /** Reads Twilio's word as the constant of that metric name, else {@code unknown}; {@code ours} are never Twilio's. */
    @SafeVarargs
    static <E extends Enum<E> & Outcome> Function<String, E> byTwiliosWord(E unknown, E... ours) {
        Set<E> notTwilios = Set.of(ours);
        Map<String, E> byWord = Arrays.stream(unknown.getDeclaringClass().getEnumConstants())
                .filter(outcome -> outcome != unknown && !notTwilios.contains(outcome))
                .collect(Collectors.toUnmodifiableMap(Outcome::metricName, Function.identity()));
        return word -> byWord.getOrDefault(word, unknown);
    }
}
