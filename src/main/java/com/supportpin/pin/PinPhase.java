package com.supportpin.pin;

import java.time.Instant;
import java.util.Optional;

/** Where a contact's latest PIN stands, as the page and the API show it (never its digits). */
public enum PinPhase {
    NONE,
    ACTIVE,
    USED,
    EXPIRED,
    CANCELLED;

    /** A phase and the time that goes with it: active until, used at, expired at, cancelled at (none: no time). */
    public record At(PinPhase phase, Optional<Instant> at) {}

    /** The phase of the latest PIN, if any, at {@code now}. */
    public static At of(Optional<PinDao.PinState> latest, Instant now) {
        if (latest.isEmpty()) {
            return new At(NONE, Optional.empty());
        }
        PinDao.PinState pin = latest.get();
        if (pin.usedAt() != null) {
            return new At(USED, Optional.of(pin.usedAt()));
        }
        if (isLive(pin, now)) {
            return new At(ACTIVE, Optional.of(pin.expiresAt()));
        }
        // retiring an expired PIN sets revoked_at = expires_at; an earlier revocation is a cancellation
        if (pin.revokedAt() != null && pin.revokedAt().isBefore(pin.expiresAt())) {
            return new At(CANCELLED, Optional.of(pin.revokedAt()));
        }
        return new At(EXPIRED, Optional.of(pin.expiresAt()));
    }

    /** True while the PIN can still verify a call. */
    public static boolean isLive(PinDao.PinState pin, Instant now) {
        return pin.usedAt() == null
                && pin.revokedAt() == null
                && pin.expiresAt().isAfter(now);
    }
}
