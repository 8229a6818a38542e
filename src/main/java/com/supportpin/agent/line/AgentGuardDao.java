package com.supportpin.agent.line;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The agent line's guess cap per agent code (known or not), shared by every call and instance. An attempt
 * is counted <em>before</em> its passcode is checked and forgiven when it succeeds, so parallel guesses
 * cannot all pass a lock check while the slow hashes run.
 */
public interface AgentGuardDao {

    /**
     * In one statement: counts an attempt against an agent code unless the code is locked. Empty when it
     * is locked (nothing counted, nothing to check). Otherwise true when this attempt reached
     * {@code maxFailures}: the code is locked from now on, and stays locked unless this very attempt
     * succeeds. A lock that has run out starts the count afresh.
     */
    @SqlQuery("""
            INSERT INTO agent_guard AS g (agent_code, failed_attempts, locked_until)
            VALUES (:agentCode, 1, CASE WHEN :maxFailures <= 1 THEN CAST(:lockUntil AS timestamptz) END)
            ON CONFLICT (agent_code) DO UPDATE SET
                failed_attempts = CASE WHEN g.locked_until IS NULL THEN g.failed_attempts + 1 ELSE 1 END,
                locked_until = CASE WHEN (CASE WHEN g.locked_until IS NULL THEN g.failed_attempts + 1 ELSE 1 END)
                                         >= :maxFailures
                                    THEN CAST(:lockUntil AS timestamptz) END
             WHERE g.locked_until IS NULL OR g.locked_until <= :now
            RETURNING locked_until IS NOT NULL
            """)
    Optional<Boolean> recordAttemptUnlessLocked(@Bind("agentCode") String agentCode,
            @Bind("maxFailures") int maxFailures, @Bind("lockUntil") Instant lockUntil, @Bind("now") Instant now);

    /** The right passcode: the attempts counted so far (and a lock they started) are forgiven. */
    @SqlUpdate("UPDATE agent_guard SET failed_attempts = 0, locked_until = NULL WHERE agent_code = :agentCode")
    int forgive(@Bind("agentCode") String agentCode);
}
