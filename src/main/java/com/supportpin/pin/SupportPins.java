package com.supportpin.pin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Issues Support PINs and checks them: one use, time-limited, bound to the contact who generated it. */
public final class SupportPins {

    /** The audit channel of a PIN that an agent checked. */
    public static final String AGENT_CHANNEL = "agent";

    /** A freshly generated PIN. The digits exist only in this object and in the answer to the customer. */
    public record IssuedPin(String pin, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedPin[pin=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** Thrown when a PIN is asked for a contact that is disabled (DELETE /api/v1/contacts/{externalId}). */
    public static final class ContactDisabled extends RuntimeException {
        public ContactDisabled() {
            super("the contact is disabled");
        }
    }

    /** The result of one check. */
    public enum Outcome {
        VERIFIED,
        WRONG_PIN,
        LOCKED;

        public String auditName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A check's outcome, whose PIN it was, and whether this failure started the account's lockout. */
    public record Verification(Outcome outcome, Optional<PinDao.ConsumedPin> pin, boolean lockoutStarted) {
        public Verification(Outcome outcome, Optional<PinDao.ConsumedPin> pin) {
            this(outcome, pin, false);
        }

        public boolean verified() {
            return outcome == Outcome.VERIFIED;
        }
    }

    private static final int MAX_COLLISION_RETRIES = 50;

    private final Jdbi jdbi;
    private final PinHasher hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final int digits;
    private final int maxFailures;
    private final Duration lockout;

    public SupportPins(
            Jdbi jdbi, PinHasher hasher, Clock clock, Duration ttl, int digits, int maxFailures, Duration lockout) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
        this.ttl = ttl;
        this.digits = digits;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    public int digits() {
        return digits;
    }

    /** A PIN's stored form for an account number, for statements that check and consume it themselves. */
    public byte[] pinHash(String accountNumber, String pin) {
        return hasher.pinHash(accountNumber, pin);
    }

    /** Generates a contact's new PIN, revoking the previous one; each try is one statement, redrawn on a collision. */
    public IssuedPin issue(long accountId, String accountNumber, long contactId) {
        return jdbi.withExtension(PinDao.Issuing.class, pins -> {
            Instant now = clock.instant();
            Instant expiresAt = now.plus(ttl);
            for (int attempt = 0; attempt < MAX_COLLISION_RETRIES; attempt++) {
                String pin = randomDigits();
                if (pins.replaceLivePin(accountId, contactId, hasher.pinHash(accountNumber, pin), now, expiresAt)
                        .isPresent()) {
                    return new IssuedPin(pin, expiresAt);
                }
                if (pins.contactDisabled(contactId)) {
                    throw new ContactDisabled();
                }
            }
            throw new IllegalStateException("no free PIN for account after " + MAX_COLLISION_RETRIES + " tries");
        });
    }

    /**
     * Checks and consumes a PIN in the caller's transaction and audits the attempt (one statement when it verifies);
     * a failure counts against the account number and may lock it.
     */
    public Verification verifyAndAudit(
            Handle handle, String accountNumber, String pin, String callSid, String caller, String channel) {
        return verifyAndAudit(handle, accountNumber, pin, callSid, caller, channel, null);
    }

    /** {@link #verifyAndAudit} for an agent who reads the PIN out for the caller on their line. */
    public Verification verifyForAgent(
            Handle handle, String accountNumber, String pin, String callSid, String caller, long agentId) {
        return verifyAndAudit(handle, accountNumber, pin, callSid, caller, AGENT_CHANNEL, agentId);
    }

    private Verification verifyAndAudit(
            Handle handle,
            String accountNumber,
            String pin,
            String callSid,
            String caller,
            String channel,
            Long agentId) {
        Instant now = clock.instant();
        PinDao pins = handle.attach(PinDao.class);
        Optional<PinDao.ConsumedPin> consumed = pins.consumeAndAudit(
                accountNumber,
                hasher.pinHash(accountNumber, pin),
                callSid,
                caller,
                Outcome.VERIFIED.auditName(),
                channel,
                agentId,
                now);
        if (consumed.isPresent()) {
            return new Verification(Outcome.VERIFIED, consumed);
        }
        Verification failure = failed(handle, pins, accountNumber, now);
        handle.attach(AuditDao.class)
                .record(callSid, caller, accountNumber, failure.outcome().auditName(), channel, agentId, now);
        return failure;
    }

    private Verification failed(Handle handle, PinDao pins, String accountNumber, Instant now) {
        GuardCount count = handle.attach(PinGuardDao.class)
                .recordFailureUnlessLocked(accountNumber, maxFailures, now.plus(lockout), now);
        return switch (count) {
            case ALREADY_LOCKED -> new Verification(Outcome.LOCKED, Optional.empty());
            case LOCKED_NOW -> {
                pins.revokeLiveForAccount(accountNumber, now);
                yield new Verification(Outcome.LOCKED, Optional.empty(), true);
            }
            case COUNTED -> new Verification(Outcome.WRONG_PIN, Optional.empty());
        };
    }

    /** True when {@code digits} has the shape of a PIN of the configured length. */
    public boolean looksLikePin(String candidate) {
        return candidate != null
                && candidate.length() == digits
                && candidate.chars().allMatch(Character::isDigit)
                && candidate.chars().allMatch(c -> c < 128);
    }

    private String randomDigits() {
        var pin = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            pin.append((char) ('0' + random.nextInt(10)));
        }
        return pin.toString();
    }
}
