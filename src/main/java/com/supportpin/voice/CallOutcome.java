package com.supportpin.voice;

import com.supportpin.pin.SupportPins;
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
    VERIFIED("verified", null, SupportPins.Outcome.VERIFIED),
    WRONG_PIN("wrong-pin", null, SupportPins.Outcome.WRONG_PIN),
    FAILED("failed", UnverifiedReason.FAILED, SupportPins.Outcome.WRONG_PIN),
    LOCKED("locked", UnverifiedReason.LOCKED, SupportPins.Outcome.LOCKED),
    /** Locked, and this attempt started the lockout. */
    LOCKOUT("lockout", UnverifiedReason.LOCKED, SupportPins.Outcome.LOCKED),
    REPLAYED("replayed"),
    ALREADY_ROUTED("already-routed"),
    WAITING("waiting"),
    WAITING_CALLBACK_OFFERED("waiting-callback-offered"),
    KEPT_WAITING("kept-waiting"),
    CALLBACK_REQUESTED("callback-requested");

    private final String metricName;
    private final UnverifiedReason unverifiedReason;
    private final SupportPins.Outcome pinCheck;

    CallOutcome(String metricName) {
        this(metricName, null, null);
    }

    CallOutcome(String metricName, UnverifiedReason unverifiedReason, SupportPins.Outcome pinCheck) {
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
        return this == VERIFIED
                ? Optional.of(SupportPins.Outcome.VERIFIED.auditName())
                : unverifiedReason().map(UnverifiedReason::metricName);
    }

    /** The result of a PIN checked against the store, as {@code ivr.pin.checks} counts it; empty when none was. */
    public Optional<String> pinCheck() {
        return Optional.ofNullable(pinCheck).map(SupportPins.Outcome::auditName);
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
