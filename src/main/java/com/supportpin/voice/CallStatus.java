package com.supportpin.voice;

import java.util.function.Function;

/** Twilio's CallStatus, the outcome of a status callback. */
public enum CallStatus implements Outcome {
    QUEUED("queued", false),
    INITIATED("initiated", false),
    RINGING("ringing", false),
    IN_PROGRESS("in-progress", false),
    COMPLETED("completed", true),
    BUSY("busy", true),
    FAILED("failed", true),
    NO_ANSWER("no-answer", true),
    CANCELED("canceled", true),
    /** A status this code does not know. */
    OTHER("other", false);

    private static final Function<String, CallStatus> BY_WORD = Outcome.byTwiliosWord(OTHER);

    private final String metricName;
    private final boolean isFinal;

    CallStatus(String metricName, boolean isFinal) {
        this.metricName = metricName;
        this.isFinal = isFinal;
    }

    /** Twilio's word as a status ({@link #OTHER} when unknown). */
    public static CallStatus of(String word) {
        return BY_WORD.apply(word);
    }

    @Override
    public String metricName() {
        return metricName;
    }

    /** After it the call is over: it no longer waits in any queue nor talks to an agent. */
    public boolean isFinal() {
        return isFinal;
    }
}
