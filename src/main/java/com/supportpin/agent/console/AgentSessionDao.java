package com.supportpin.agent.console;

import com.supportpin.web.SessionCookie;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Console sessions of agents, by the SHA-256 of their id; a disabled agent's sessions never match. */
@RegisterConstructorMapper(AgentSessionDao.StoredSession.class)
public interface AgentSessionDao {

    record StoredSession(long agentId, String csrfToken, Instant lastSeenAt) implements SessionCookie.Stored {}

    @SqlUpdate("""
            INSERT INTO agent_session (id_hash, agent_id, csrf_token, created_at, last_seen_at)
            VALUES (:idHash, :agentId, :csrfToken, :now, :now)
            """)
    void insert(byte[] idHash, long agentId, String csrfToken, Instant now);

    @SqlQuery("""
            SELECT s.agent_id, s.csrf_token, s.last_seen_at FROM agent_session s JOIN agent a ON a.id = s.agent_id
             WHERE s.id_hash = :idHash AND s.last_seen_at > :idleCutoff AND s.created_at > :absoluteCutoff
               AND a.disabled_at IS NULL
            """)
    Optional<StoredSession> findLive(byte[] idHash, Instant idleCutoff, Instant absoluteCutoff);

    @SqlUpdate("UPDATE agent_session SET last_seen_at = :now WHERE id_hash = :idHash")
    void touch(byte[] idHash, Instant now);

    @SqlUpdate("DELETE FROM agent_session WHERE id_hash = :idHash")
    int delete(byte[] idHash);
}
