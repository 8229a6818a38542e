package com.supportpin.agent.line;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The agent line's guess cap per agent code (known or not), shared by every call and instance. */
public interface AgentGuardDao {

    /**
     * Counts one failed sign-in against an agent code and locks it when the count reaches
     * {@code maxFailures}. Returns true when this very failure started the lockout.
     */
    @SqlQuery("""
            INSERT INTO agent_guard AS g (agent_code, failed_attempts, locked_until)
            VALUES (:agentCode,
                    CASE WHEN :maxFailures <= 1 THEN 0 ELSE 1 END,
                    CASE WHEN :maxFailures <= 1 THEN CAST(:lockUntil AS timestamptz) END)
            ON CONFLICT (agent_code) DO UPDATE SET
                failed_attempts = CASE WHEN g.failed_attempts + 1 >= :maxFailures THEN 0
                                       ELSE g.failed_attempts + 1 END,
                locked_until = CASE WHEN g.failed_attempts + 1 >= :maxFailures THEN CAST(:lockUntil AS timestamptz)
                                    ELSE g.locked_until END
            RETURNING locked_until IS NOT DISTINCT FROM CAST(:lockUntil AS timestamptz)
            """)
    boolean recordFailure(@Bind("agentCode") String agentCode, @Bind("maxFailures") int maxFailures,
            @Bind("lockUntil") Instant lockUntil);

    @SqlUpdate("UPDATE agent_guard SET failed_attempts = 0 WHERE agent_code = :agentCode")
    int recordSuccess(@Bind("agentCode") String agentCode);

    @SqlQuery("SELECT locked_until FROM agent_guard WHERE agent_code = :agentCode AND locked_until > :now")
    Optional<Instant> lockedUntil(@Bind("agentCode") String agentCode, @Bind("now") Instant now);
}
