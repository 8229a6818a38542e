package com.supportpin.voice;

/** Why a webhook was answered with its step's fallback instead of the step's own answer. */
public enum WebhookFailure implements Outcome {
    /** Not a call we know: its CallSid is malformed. */
    BAD_REQUEST("bad-request", false),
    OVERLOADED("overloaded", true),
    TIMEOUT("timeout", true),
    ERROR("error", true);

    private final String metricName;
    private final boolean stepFailed;

    WebhookFailure(String metricName, boolean stepFailed) {
        this.metricName = metricName;
        this.stepFailed = stepFailed;
    }

    /** Whether the step itself could not run (so a verification it was part of could not end). */
    public boolean stepFailed() {
        return stepFailed;
    }

    @Override
    public String metricName() {
        return metricName;
    }
}
