package com.supportpin.voice;

import java.util.Optional;

/** The outcomes of the support line's steps. */
public enum CallOutcome implements Outcome {
    GREETED("greeted"),
    ACCOUNT_ENTERED("account-entered"),
    NO_ACCOUNT("no-account"),
    SILENCE("silence"),
    INVALID("invalid"),
    SILENCE_UNVERIFIED("silence-unverified", UnverifiedReason.SILENCE, null),
    INVALID_UNVERIFIED("invalid-unverified", UnverifiedReason.SILENCE, null),
    NO_PIN("no-pin", UnverifiedReason.NO_PIN, null),
    VERIFIED("verified", null, "verified"),
    WRONG_PIN("wrong-pin", null, "wrong_pin"),
    FAILED("failed", UnverifiedReason.FAILED, "wrong_pin"),
    LOCKED("locked", UnverifiedReason.LOCKED, "locked"),
    /** Locked, and this attempt started the lockout. */
    LOCKOUT("lockout", UnverifiedReason.LOCKED, "locked"),
    REPLAYED("replayed"),
    ALREADY_ROUTED("already-routed"),
    WAITING("waiting"),
    WAITING_CALLBACK_OFFERED("waiting-callback-offered"),
    KEPT_WAITING("kept-waiting"),
    CALLBACK_REQUESTED("callback-requested");

    private final String metricName;
    private final UnverifiedReason unverifiedReason;
    private final String pinCheck;

    CallOutcome(String metricName) {
        this(metricName, null, null);
    }

    CallOutcome(String metricName, UnverifiedReason unverifiedReason, String pinCheck) {
        this.metricName = metricName;
        this.unverifiedReason = unverifiedReason;
        this.pinCheck = pinCheck;
    }

    @Override
    public String metricName() {
        return metricName;
    }

    @Override
    public Optional<UnverifiedReason> unverifiedReason() {
        return Optional.ofNullable(unverifiedReason);
    }

    /** How the caller's phone verification ended, as {@code ivr.verifications} counts it; empty while it goes on. */
    public Optional<String> verification() {
        return this == VERIFIED ? Optional.of("verified") : unverifiedReason().map(UnverifiedReason::metricName);
    }

    /** The result of a PIN checked against the store, as {@code ivr.pin.checks} counts it; empty when none was. */
    public Optional<String> pinCheck() {
        return Optional.ofNullable(pinCheck);
    }

    /** The outcome when a re-prompted answer was the last one allowed: the caller goes unverified. */
    CallOutcome outOfReprompts() {
        return switch (this) {
            case SILENCE -> SILENCE_UNVERIFIED;
            case INVALID -> INVALID_UNVERIFIED;
            default -> throw new IllegalArgumentException(this + " is not a re-prompt");
        };
    }
}
