package com.supportpin.voice;

/** Why a caller goes to the unverified queue; each has its own prompt. */
public enum UnverifiedReason {
    NO_PIN("unverified.no_pin"),
    FAILED("unverified.failed"),
    SILENCE("unverified.silence"),
    UNAVAILABLE("unverified.unavailable");

    private final String promptKey;

    UnverifiedReason(String promptKey) {
        this.promptKey = promptKey;
    }

    public String promptKey() {
        return promptKey;
    }

    public String code() {
        return name().toLowerCase();
    }
}
