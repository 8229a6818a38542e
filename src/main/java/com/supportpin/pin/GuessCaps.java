package com.supportpin.pin;

import java.time.Duration;

/** What the guess caps per account number ({@code pin_guard}) and per agent code ({@code agent_guard}) share. */
public final class GuessCaps {

    /** Guessing comes in bursts; failures a quiet day old are forgotten, so numbers keyed once leave no row forever. */
    public static final Duration FAILURES_FORGOTTEN_AFTER = Duration.ofDays(1);

    private GuessCaps() {}
}
