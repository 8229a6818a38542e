package com.supportpin.agent.line;

import com.supportpin.voice.Outcome;

/** The outcomes of the agent line's steps and of the Queue url. */
public enum AgentOutcome implements Outcome {
    WELCOMED("welcomed"),
    NOT_SIGNED_IN("not-signed-in"),
    DISABLED("disabled"),
    ALREADY_SIGNED_IN("already-signed-in"),
    CODE_ENTERED("code-entered"),
    NO_CODE("no-code"),
    SILENCE("silence"),
    SILENCE_ENDED("silence-ended"),
    LOCKED("locked"),
    LOCKED_NOW("locked-now"),
    /** The agent line's hashing executor was full: asked to try again, nothing counted. */
    BUSY("busy"),
    FAILED("failed"),
    FAILED_ENDED("failed-ended"),
    DIAL_VERIFIED("dial-verified"),
    DIAL_UNVERIFIED("dial-unverified"),
    IDLE("idle"),
    STILL_IDLE("still-idle"),
    OFFER_NEXT("offer-next"),
    REPLAYED("replayed"),
    ENDED("ended"),
    IGNORED("ignored"),
    BRIDGED("bridged"),
    BRIDGED_UNKNOWN_AGENT("bridged-unknown-agent"),
    NO_DEQUEUER("no-dequeuer");

    private final String metricName;

    AgentOutcome(String metricName) {
        this.metricName = metricName;
    }

    @Override
    public String metricName() {
        return metricName;
    }
}
