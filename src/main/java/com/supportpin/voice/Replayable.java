package com.supportpin.voice;

import java.util.Arrays;

/** A call row that keeps its last step's answer, so that a webhook Twilio retries gets that answer again. */
public interface Replayable {

    String lastStep();

    byte[] lastInputHash();

    String lastResponse();

    /** True when {@code step} already answered these keys ({@code fingerprint}): Twilio is retrying the webhook. */
    default boolean isRetryOf(String step, byte[] fingerprint) {
        return fingerprint != null
                && step.equals(lastStep())
                && lastResponse() != null
                && Arrays.equals(fingerprint, lastInputHash());
    }
}
