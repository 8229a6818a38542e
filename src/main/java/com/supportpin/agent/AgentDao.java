package com.supportpin.agent;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Support agents: who may sign in on the agent line and in the agent console. */
@RegisterConstructorMapper(AgentDao.Agent.class)
public interface AgentDao {

    /** An agent. The hashes never leave this package's sign-in checks. */
    record Agent(
            long id,
            String name,
            String email,
            String agentCode,
            String passwordHash,
            String passcodeHash,
            Instant disabledAt) {

        public boolean enabled() {
            return disabledAt == null;
        }

        @Override
        public String toString() {
            return "Agent[id=" + id + ", name=" + name + "]";
        }
    }

    /** Inserts an agent; empty when the e-mail or the agent code is taken. */
    @SqlQuery("""
            INSERT INTO agent (name, email, agent_code, password_hash, passcode_hash)
            VALUES (:name, :email, :agentCode, :passwordHash, :passcodeHash)
            ON CONFLICT DO NOTHING
            RETURNING id
            """)
    Optional<Long> insert(String name, String email, String agentCode, String passwordHash, String passcodeHash);

    @SqlQuery("""
            SELECT id, name, email, agent_code, password_hash, passcode_hash, disabled_at FROM agent
             WHERE agent_code = :agentCode
            """)
    Optional<Agent> findByCode(String agentCode);

    @SqlQuery("""
            SELECT id, name, email, agent_code, password_hash, passcode_hash, disabled_at FROM agent
             WHERE lower(email) = lower(:email)
            """)
    Optional<Agent> findByEmail(String email);

    @SqlQuery("""
            SELECT id, name, email, agent_code, password_hash, passcode_hash, disabled_at FROM agent
             WHERE id = :id
            """)
    Optional<Agent> findById(long id);

    @SqlUpdate("UPDATE agent SET disabled_at = :now WHERE agent_code = :agentCode AND disabled_at IS NULL")
    int disable(String agentCode, Instant now);

    @SqlQuery("SELECT count(*) FROM agent WHERE agent_code = :agentCode")
    int countByCode(String agentCode);

    /** Ends every console session of an agent (on disable). */
    @SqlUpdate("DELETE FROM agent_session WHERE agent_id = (SELECT id FROM agent WHERE agent_code = :agentCode)")
    int endSessions(String agentCode);
}
