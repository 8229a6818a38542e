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
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps failed sign-ins per e-mail address (known or not, so the cap reveals no account) and per
 * client address: after {@link #MAX_FAILURES} failures within {@link #WINDOW} further attempts are
 * refused until the oldest of them ages out. State is in PostgreSQL, so every instance shares it.
 *
 * <p>An attempt is recorded as a failure <em>before</em> its password is checked, under an advisory
 * lock per key, and forgiven when it succeeds: so many parallel guesses cannot slip past the cap while
 * the (slow) password hash runs, and a crash mid-check counts against the guesser.
 *
 * <p>The client address is {@code request.ip()}, the TCP peer. Behind a reverse proxy every client
 * shares the proxy's address; there one would derive it from the proxy's forwarded header instead.
 */
public final class SignInThrottle {

    public static final int MAX_FAILURES = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Retry-After when the throttle itself could not answer in time. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** What came of an attempt. */
    public sealed interface Attempt<T> permits Throttled, Busy, Done {
    }

    /**
     * Refused before anything was counted or checked: every password-hashing thread is busy and the short
     * queue is full (a flood). Answer 503 with a Retry-After of {@code retryAfterSeconds}.
     */
    public record Busy<T>(long retryAfterSeconds) implements Attempt<T> {
    }

    /** Refused without checking the password; try again after {@code retryAfter}. */
    public record Throttled<T>(Duration retryAfter) implements Attempt<T> {
        /** Whole seconds for a Retry-After header, at least 1. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }

    /** The password was checked: the signed-in value, or empty when sign-in failed. */
    public record Done<T>(Optional<T> result) implements Attempt<T> {
    }

    private record Ticket(byte[] accountKey, long addressFailureId) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final HmacKey keys;
    private final HashingExecutor hashing;

    public SignInThrottle(Jdbi jdbi, Clock clock, String appSecret, HashingExecutor hashing) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.keys = new HmacKey(appSecret, "sign-in-throttle");
        this.hashing = hashing;
    }

    /**
     * Runs {@code signIn} (which checks a password) on the hashing executor, unless the executor is full
     * ({@link Busy}: nothing counted, no database work, no hash) or the e-mail or the client address is
     * over the cap ({@link Throttled}). The place on the executor is reserved first, so an admitted
     * attempt is never refused later for want of one.
     */
    public <T> Attempt<T> attempt(String email, String clientAddress, Supplier<Optional<T>> signIn) {
        Optional<HashingExecutor.Slot> slot = hashing.reserve();
        if (slot.isEmpty()) {
            return new Busy<>(HashingExecutor.RETRY_AFTER.toSeconds());
        }
        try (HashingExecutor.Slot reserved = slot.get()) {
            return attempt(email, clientAddress, reserved, signIn);
        }
    }

    private <T> Attempt<T> attempt(String email, String clientAddress, HashingExecutor.Slot slot,
            Supplier<Optional<T>> signIn) {
        byte[] accountKey = keys.sign("email:" + normalisedEmail(email));
        byte[] addressKey = keys.sign("address:" + addressBlock(clientAddress));
        Instant now = clock.instant();
        Instant cutoff = now.minus(WINDOW);

        SignInThrottleDao.Admission admission;
        try {
            admission = jdbi.inTransaction(handle -> {
                SignInThrottleDao failures = handle.attach(SignInThrottleDao.class);
                int first = lockId(accountKey);
                int second = lockId(addressKey);
                failures.lock(Math.min(first, second), Math.max(first, second));
                return failures.admit(accountKey, addressKey, now, cutoff, MAX_FAILURES);
            });
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
        if (admission.addressFailureId() == null) {
            return new Throttled<>(Duration.between(now, admission.capReachedAt().plus(WINDOW)));
        }
        Ticket ticket = new Ticket(accountKey, admission.addressFailureId());
        Optional<T> result = slot.call(signIn);
        if (result.isPresent()) {
            forgive(ticket);
        }
        return new Done<>(result);
    }

    /**
     * A successful sign-in clears the e-mail's failures (its owner proved the password) but only its
     * own entry for the address: one good account must not reset a guessing address.
     */
    private void forgive(Ticket ticket) {
        jdbi.useTransaction(handle -> {
            SignInThrottleDao failures = handle.attach(SignInThrottleDao.class);
            failures.deleteKey(ticket.accountKey());
            failures.deleteById(ticket.addressFailureId());
        });
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
            byte[] bytes = InetAddress.getByName(literal.replace("[", "").replace("]", "")).getAddress();
            return bytes.length == 16 ? "v6:" + Arrays.toString(Arrays.copyOf(bytes, 8)) : "v4:" + Arrays.toString(bytes);
        } catch (UnknownHostException | SecurityException e) {
            return literal;
        }
    }

    private static int lockId(byte[] keyHash) {
        return ByteBuffer.wrap(keyHash).getInt();
    }

}
