package com.supportpin.pin;

import java.util.Optional;

/** What counting one failure against a guess cap ({@code pin_guard}, {@code agent_guard}) did. */
public enum GuardCount {
    /** A lock was in force: nothing was counted. */
    ALREADY_LOCKED,
    /** Counted, below the cap. */
    COUNTED,
    /** This failure reached the cap and started a lock. */
    LOCKED_NOW;

    /** The counting statements' answer: no row when a lock was in force, else whether this failure locked. */
    public static GuardCount of(Optional<Boolean> lockedNow) {
        return lockedNow.map(locked -> locked ? LOCKED_NOW : COUNTED).orElse(ALREADY_LOCKED);
    }
}
