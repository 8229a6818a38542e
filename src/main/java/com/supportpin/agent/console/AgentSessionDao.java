package com.supportpin.agent.console;

import com.supportpin.web.SessionCookie;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
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
    void insert(
            @Bind("idHash") byte[] idHash,
            @Bind("agentId") long agentId,
            @Bind("csrfToken") String csrfToken,
            @Bind("now") Instant now);

    @SqlQuery("""
            SELECT s.agent_id, s.csrf_token, s.last_seen_at FROM agent_session s JOIN agent a ON a.id = s.agent_id
             WHERE s.id_hash = :idHash AND s.last_seen_at > :idleCutoff AND s.created_at > :absoluteCutoff
               AND a.disabled_at IS NULL
            """)
    Optional<StoredSession> findLive(
            @Bind("idHash") byte[] idHash,
            @Bind("idleCutoff") Instant idleCutoff,
            @Bind("absoluteCutoff") Instant absoluteCutoff);

    @SqlUpdate("UPDATE agent_session SET last_seen_at = :now WHERE id_hash = :idHash")
    void touch(@Bind("idHash") byte[] idHash, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM agent_session WHERE id_hash = :idHash")
    int delete(@Bind("idHash") byte[] idHash);
}
