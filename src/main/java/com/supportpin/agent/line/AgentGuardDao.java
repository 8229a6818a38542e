package com.supportpin.agent.line;

import com.supportpin.pin.GuardCount;
import com.supportpin.pin.GuessCaps;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The agent line's guess cap per agent code (known or not); an attempt counts before its passcode is checked. */
public interface AgentGuardDao {

    /** Counts an attempt unless the code is locked; {@link GuardCount#LOCKED_NOW} when it reached the cap. */
    default GuardCount recordAttemptUnlessLocked(String agentCode, int maxFailures, Instant lockUntil, Instant now) {
        return GuardCount.of(countAttemptUnlessLocked(
                agentCode, maxFailures, lockUntil, now, now.minus(GuessCaps.FAILURES_FORGOTTEN_AFTER)));
    }

    /**
     * {@link #recordAttemptUnlessLocked}'s statement, counting from one after an ended lock or when the last attempt
     * is older than {@code failuresForgottenBefore}: empty when locked, true when this attempt locked the code.
     */
    @SqlQuery("""
            INSERT INTO agent_guard AS g (agent_code, failed_attempts, locked_until, last_failed_at)
            VALUES (:agentCode, 1, CASE WHEN :maxFailures <= 1 THEN CAST(:lockUntil AS timestamptz) END, :now)
            ON CONFLICT (agent_code) DO UPDATE SET
                (failed_attempts, locked_until, last_failed_at) = (
                    SELECT failures,
                           CASE WHEN failures >= :maxFailures THEN CAST(:lockUntil AS timestamptz) END,
                           CAST(:now AS timestamptz)
                      FROM (SELECT CASE WHEN g.locked_until IS NULL
                                         AND (g.last_failed_at IS NULL
                                              OR g.last_failed_at >= :failuresForgottenBefore)
                                        THEN g.failed_attempts + 1 ELSE 1 END AS failures) AS counted)
             WHERE g.locked_until IS NULL OR g.locked_until <= :now
            RETURNING locked_until IS NOT NULL
            """)
    Optional<Boolean> countAttemptUnlessLocked(
            String agentCode, int maxFailures, Instant lockUntil, Instant now, Instant failuresForgottenBefore);

    /** The right passcode: the attempts counted so far (and a lock they started) are forgiven. */
    @SqlUpdate("UPDATE agent_guard SET failed_attempts = 0, locked_until = NULL WHERE agent_code = :agentCode")
    int forgive(String agentCode);
}
