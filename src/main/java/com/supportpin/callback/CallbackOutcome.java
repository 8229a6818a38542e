package com.supportpin.callback;

import com.supportpin.voice.Outcome;

/** The outcomes of the callback steps: the request on hold and the customer's leg. */
public enum CallbackOutcome implements Outcome {
    /** A second request from the same number updated its open callback. */
    CALLBACK_UPDATED("callback-updated"),
    /** The number cannot be called back: the caller keeps holding. */
    CALLBACK_NOT_CALLABLE("callback-not-callable"),
    /** The customer's phone answered and was asked to press 1. */
    ASKED("asked"),
    /** The attempt in the URL is unknown. */
    UNKNOWN_ATTEMPT("unknown-attempt"),
    /** The customer pressed 1: connected. */
    REACHED("reached"),
    /** The customer pressed another key. */
    DECLINED("declined");

    private final String metricName;

    CallbackOutcome(String metricName) {
        this.metricName = metricName;
    }

    @Override
    public String metricName() {
        return metricName;
    }
}
