package com.supportpin.voice;

import java.util.Locale;

/** Why a caller goes to the unverified queue: the prompt they hear and the name metrics count it under. */
public enum UnverifiedReason {
    NO_PIN("unverified.no_pin", "no_pin"),
    FAILED("unverified.failed", "failed"),
    /** The account is locked for wrong PINs: the caller hears the same as after too many wrong PINs. */
    LOCKED("unverified.failed", "locked"),
    SILENCE("unverified.silence", "no_input"),
    UNAVAILABLE("unverified.unavailable", "unavailable");

    private final String promptKey;
    private final String metricName;

    UnverifiedReason(String promptKey, String metricName) {
        this.promptKey = promptKey;
        this.metricName = metricName;
    }

    public String promptKey() {
        return promptKey;
    }

    /** The verification outcome it ends in, as {@code ivr.verifications} counts it. */
    public String metricName() {
        return metricName;
    }

    /** As stored in {@code call.unverified_reason}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
