package com.supportpin.voice;

import java.util.function.Function;

/** The Enqueue action's outcomes: Twilio's QueueResult, and a caller who left for the callback they asked for. */
public enum QueueExitOutcome implements Outcome {
    BRIDGED("bridged", true),
    BRIDGING_IN_PROCESS("bridging-in-process", true),
    HANGUP("hangup", true),
    LEAVE("leave", true),
    REDIRECTED("redirected", true),
    REDIRECTED_FROM_BRIDGED("redirected-from-bridged", true),
    QUEUE_FULL("queue-full", false),
    ERROR("error", false),
    SYSTEM_ERROR("system-error", false),
    /** A QueueResult this code does not know. */
    OTHER("other", false),
    LEFT_FOR_CALLBACK("left-for-callback", true);

    private static final Function<String, QueueExitOutcome> BY_RESULT = Outcome.byTwiliosWord(OTHER, LEFT_FOR_CALLBACK);

    private final String metricName;
    private final boolean quiet;

    QueueExitOutcome(String metricName, boolean quiet) {
        this.metricName = metricName;
        this.quiet = quiet;
    }

    /** Twilio's QueueResult as an outcome ({@link #OTHER} when unknown). */
    public static QueueExitOutcome of(String queueResult) {
        return BY_RESULT.apply(queueResult);
    }

    @Override
    public String metricName() {
        return metricName;
    }

    /** Whether the call is over or continues elsewhere, so there is nothing more to say to the caller. */
    boolean quiet() {
        return quiet;
    }

    /** How the caller left the queue, as {@code ivr.queue.wait} tags it. */
    public String waitResult() {
        return this == LEFT_FOR_CALLBACK ? LEAVE.metricName : metricName;
    }
}
