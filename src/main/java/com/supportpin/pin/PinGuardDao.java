package com.supportpin.pin;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The per-account guess cap, kept in PostgreSQL so every call and instance shares it. */
public interface PinGuardDao {

    /** Counts a failed attempt against an account number (known or not) unless it is locked. */
    default GuardCount recordFailureUnlessLocked(
            String accountNumber, int maxFailures, Instant lockUntil, Instant now) {
        return GuardCount.of(countFailureUnlessLocked(
                accountNumber, maxFailures, lockUntil, now, now.minus(GuessCaps.FAILURES_FORGOTTEN_AFTER)));
    }

    /**
     * {@link #recordFailureUnlessLocked}'s statement, counting from zero when the last failure is older than {@code
     * failuresForgottenBefore}: empty when locked, true when this failure locked it.
     */
    @SqlQuery("""
            INSERT INTO pin_guard AS g (account_number, failed_attempts, locked_until, last_failed_at)
            VALUES (:accountNumber,
                    CASE WHEN :maxFailures <= 1 THEN 0 ELSE 1 END,
                    CASE WHEN :maxFailures <= 1 THEN CAST(:lockUntil AS timestamptz) END,
                    :now)
            ON CONFLICT (account_number) DO UPDATE SET
                (failed_attempts, locked_until, last_failed_at) = (
                    SELECT CASE WHEN failures >= :maxFailures THEN 0 ELSE failures END,
                           CASE WHEN failures >= :maxFailures THEN CAST(:lockUntil AS timestamptz)
                                ELSE g.locked_until END,
                           CAST(:now AS timestamptz)
                      FROM (SELECT CASE WHEN g.last_failed_at < :failuresForgottenBefore THEN 1
                                        ELSE g.failed_attempts + 1 END AS failures) AS counted)
             WHERE g.locked_until IS NULL OR g.locked_until <= :now
            RETURNING locked_until IS NOT DISTINCT FROM CAST(:lockUntil AS timestamptz)
            """)
    Optional<Boolean> countFailureUnlessLocked(
            String accountNumber, int maxFailures, Instant lockUntil, Instant now, Instant failuresForgottenBefore);

    @SqlQuery("""
            SELECT locked_until FROM pin_guard
             WHERE account_number = :accountNumber AND locked_until > :now
            """)
    Optional<Instant> lockedUntil(String accountNumber, Instant now);

    @SqlUpdate("""
            UPDATE pin_guard SET failed_attempts = 0, locked_until = NULL WHERE account_number = :accountNumber
            """)
    int clear(String accountNumber);
}
