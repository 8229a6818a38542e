package com.supportpin.web;

import com.supportpin.contact.HashingExecutor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Caps failed sign-ins per e-mail and per client address, in PostgreSQL (README, "Security notes"). */
public final class SignInThrottle {

    public static final int MAX_FAILURES = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Retry-After when the throttle itself could not answer in time. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    /** How long an attempt waits for a reserved unit of its address's budget to come back. */
    static final Duration SETTLE_WAIT = Duration.ofSeconds(30);
    /** A reservation this old belongs to a check that never ended (a crash): it counts as a failure. */
    static final Duration STALE_RESERVATION = Duration.ofMinutes(1);
    /** How often a waiting attempt looks again when no settlement woke it. */
    private static final long RECHECK_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** What came of an attempt. */
    public sealed interface Attempt<T> permits Throttled, Busy, Done {}

    /** Refused before anything was counted: every hashing thread busy and the queue full; 503 with Retry-After. */
    public record Busy<T>(long retryAfterSeconds) implements Attempt<T> {}

    /** Refused without checking the password; try again after {@code retryAfter}. */
    public record Throttled<T>(Duration retryAfter) implements Attempt<T> {
        /** Whole seconds for a Retry-After header, at least 1. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }

    /** The password was checked: the signed-in value, or empty when sign-in failed. */
    public record Done<T>(Optional<T> result) implements Attempt<T> {}

    private record Ticket(byte[] accountKey, long addressFailureId) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final HmacKey keys;
    private final HashingExecutor hashing;
    /** Woken (one waiter at a time) whenever a check in this process settles and may have freed a unit. */
    private final Object settlements = new Object();
    /** Admissions in this process, striped by address: see {@link #admit}. */
    private final ReentrantLock[] addressLocks = new ReentrantLock[64];

    public SignInThrottle(Jdbi jdbi, Clock clock, String appSecret, HashingExecutor hashing) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.keys = new HmacKey(appSecret, "sign-in-throttle");
        this.hashing = hashing;
        Arrays.setAll(addressLocks, stripe -> new ReentrantLock());
    }

    /** Runs {@code signIn} on the hashing executor unless it is full ({@link Busy}) or a key is over the cap ({@link Throttled}). */
    public <T> Attempt<T> attempt(String email, String clientAddress, Supplier<Optional<T>> signIn) {
        Optional<HashingExecutor.Slot> slot = hashing.reserve();
        if (slot.isEmpty()) {
            return new Busy<>(HashingExecutor.RETRY_AFTER.toSeconds());
        }
        try (HashingExecutor.Slot reserved = slot.get()) {
            return attempt(email, clientAddress, reserved, signIn);
        }
    }

    private <T> Attempt<T> attempt(
            String email, String clientAddress, HashingExecutor.Slot slot, Supplier<Optional<T>> signIn) {
        byte[] accountKey = keys.sign("email:" + normalisedEmail(email));
        byte[] addressKey = keys.sign("address:" + addressBlock(clientAddress));
        long giveUpAt = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (true) {
            Instant now = clock.instant();
            SignInThrottleDao.Admission admission;
            try {
                admission = admit(accountKey, addressKey, now);
            } catch (JdbiException e) {
                // The database could not decide in time (lock or statement timeout under load): fail
                // closed, without checking the password, and ask for a retry shortly.
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                log.warn("sign-in throttle unavailable, refusing the attempt: {}", cause.getMessage());
                return new Throttled<>(BUSY_RETRY);
            }
            if (admission.capReachedAt() != null) {
                return new Throttled<>(
                        Duration.between(now, admission.capReachedAt().plus(WINDOW)));
            }
            if (admission.addressFailureId() != null) {
                return check(new Ticket(accountKey, admission.addressFailureId()), slot, signIn);
            }
            if (System.nanoTime() >= giveUpAt || !awaitSettlement()) {
                return new Throttled<>(Duration.ofSeconds(1));
            }
        }
    }

    /** Decides under the two keys' advisory locks, queueing per address in Java first so waiters hold no pooled connection. */
    private SignInThrottleDao.Admission admit(byte[] accountKey, byte[] addressKey, Instant now) {
        int first = lockId(accountKey);
        int second = lockId(addressKey);
        var localLock = addressLocks[Math.floorMod(second, addressLocks.length)];
        localLock.lock();
        try {
            return jdbi.inTransaction(handle -> {
                SignInThrottleDao attempts = handle.attach(SignInThrottleDao.class);
                attempts.lock(Math.min(first, second), Math.max(first, second));
                return attempts.admit(
                        accountKey, addressKey, now, now.minus(WINDOW), now.minus(STALE_RESERVATION), MAX_FAILURES);
            });
        } finally {
            localLock.unlock();
        }
    }

    private <T> Attempt<T> check(Ticket ticket, HashingExecutor.Slot slot, Supplier<Optional<T>> signIn) {
        Optional<T> result = Optional.empty();
        try {
            result = slot.call(signIn);
        } finally {
            settle(ticket, result.isPresent());
        }
        return new Done<>(result);
    }

    /** A success clears the e-mail's failures and returns the address's unit; a failure spends it. */
    private void settle(Ticket ticket, boolean succeeded) {
        try {
            jdbi.useTransaction(handle -> {
                SignInThrottleDao attempts = handle.attach(SignInThrottleDao.class);
                if (succeeded) {
                    attempts.deleteKey(ticket.accountKey());
                    attempts.deleteById(ticket.addressFailureId());
                } else {
                    attempts.spend(ticket.addressFailureId());
                }
            });
        } catch (JdbiException e) {
            // The answer stands; the reservation left behind counts as a failure once it is stale.
            log.warn("sign-in throttle could not settle an attempt: {}", e.getMessage());
        } finally {
            synchronized (settlements) {
                settlements.notify();
            }
        }
    }

    /** Waits until a check here settles or {@link #RECHECK_MS} pass; false when interrupted. */
    private boolean awaitSettlement() {
        try {
            synchronized (settlements) {
                settlements.wait(RECHECK_MS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String normalisedEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** IPv4 addresses count one by one; IPv6 by /64, the block one subscriber usually holds. */
    static String addressBlock(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return "unknown";
        }
        String literal = clientAddress.trim();
        if (!literal.contains(":")) {
            return "v4:" + literal;
        }
        try {
            // an IPv6 literal (it has a colon): getByName parses it without any DNS lookup
            byte[] bytes = InetAddress.getByName(literal.replace("[", "").replace("]", ""))
                    .getAddress();
            return bytes.length == 16
                    ? "v6:" + Arrays.toString(Arrays.copyOf(bytes, 8))
                    : "v4:" + Arrays.toString(bytes);
        } catch (UnknownHostException | SecurityException e) {
            return literal;
        }
    }

    private static int lockId(byte[] keyHash) {
        return ByteBuffer.wrap(keyHash).getInt();
    }
}
