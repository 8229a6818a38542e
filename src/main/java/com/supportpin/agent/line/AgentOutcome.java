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
    NO_DEQUEUER("no-dequeuer"),
    /** A Dial of a queue bridged nobody: Twilio's queue was empty (and, with {@code _CLOSED}, records were closed). */
    QUEUE_EMPTY("queue-empty"),
    QUEUE_EMPTY_CLOSED("queue-empty-closed"),
    OFFER_CALLBACK_VERIFIED("offer-callback-verified"),
    OFFER_CALLBACK_UNVERIFIED("offer-callback-unverified"),
    OFFERED_AGAIN("offered-again"),
    CALLBACK_PLACED("callback-placed"),
    SKIPPED("skipped"),
    WITHDRAWN("withdrawn"),
    CALLBACK_REACHED("callback-reached"),
    CALLBACK_NOT_REACHED("callback-not-reached"),
    CALLBACK_CLOSED_UNREACHED("callback-closed-unreached"),
    CALLBACK_UNKNOWN("callback-unknown"),
    /** TaskRouter mode: the agent line is not used. */
    TASKROUTER("taskrouter");

    private final String metricName;

    AgentOutcome(String metricName) {
        this.metricName = metricName;
    }

    @Override
    public String metricName() {
        return metricName;
    }
}
