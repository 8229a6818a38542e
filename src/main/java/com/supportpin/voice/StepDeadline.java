package com.supportpin.voice;

import java.util.function.Supplier;

/** When a webhook's step must have committed; past it the caller already heard "unavailable", so the step rolls back. */
final class StepDeadline {

    /** Thrown inside a step's transaction when it finished too late to count. */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("the webhook was already answered; rolled back", null, false, false);
        }
    }

    private static final ThreadLocal<Long> deadline = new ThreadLocal<>();

    private StepDeadline() {}

    /** Runs {@code work} with a deadline of {@code nanoTime} (a {@link System#nanoTime()} value). */
    static <T> T runBefore(long nanoTime, Supplier<T> work) {
        deadline.set(nanoTime);
        try {
            return work.get();
        } finally {
            deadline.remove();
        }
    }

    /** Throws {@link Exceeded} when the current thread's deadline has passed. */
    static void check() {
        Long until = deadline.get();
        if (until != null && System.nanoTime() - until > 0) {
            throw new Exceeded();
        }
    }
}
