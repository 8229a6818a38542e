package com.supportpin.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Web sessions, stored by the SHA-256 of their id so that any instance serves them. */
public interface SessionDao {

    /** A live session with its contact's account, which every signed-in page and call needs. */
    record StoredSession(
            long contactId,
            long accountId,
            String accountNumber,
            String csrfToken,
            Instant createdAt,
            Instant lastSeenAt)
            implements SessionCookie.Stored {}

    /** Maps {@link StoredSession} by hand (BENCHMARKS.md, "Why the hot paths look as they do"). */
    final class StoredSessionMapper implements RowMapper<StoredSession> {
        @Override
        public StoredSession map(ResultSet row, StatementContext context) throws SQLException {
            return new StoredSession(
                    row.getLong("contact_id"),
                    row.getLong("account_id"),
                    row.getString("account_number"),
                    row.getString("csrf_token"),
                    row.getObject("created_at", OffsetDateTime.class).toInstant(),
                    row.getObject("last_seen_at", OffsetDateTime.class).toInstant());
        }
    }

    @SqlUpdate("""
            INSERT INTO web_session (id_hash, contact_id, csrf_token, created_at, last_seen_at, by_provider)
            VALUES (:idHash, :contactId, :csrfToken, :now, :now, :byProvider)
            """)
    void insert(byte[] idHash, long contactId, String csrfToken, Instant now, boolean byProvider);

    /** What every signed-in request runs (a hot statement: an interface of its own, see README "A query"). */
    @RegisterRowMapper(StoredSessionMapper.class)
    interface Lookup {
        /** The session if it is neither idle past {@code idleCutoff} nor older than {@code absoluteCutoff}. */
        @SqlQuery("""
                SELECT s.contact_id, c.account_id, a.account_number, s.csrf_token, s.created_at, s.last_seen_at
                  FROM web_session s JOIN contact c ON c.id = s.contact_id JOIN account a ON a.id = c.account_id
                 WHERE s.id_hash = :idHash AND s.last_seen_at > :idleCutoff AND s.created_at > :absoluteCutoff
                   AND c.disabled_at IS NULL
                """)
        Optional<StoredSession> findLive(byte[] idHash, Instant idleCutoff, Instant absoluteCutoff);

        @SqlUpdate("UPDATE web_session SET last_seen_at = :now WHERE id_hash = :idHash")
        void touch(byte[] idHash, Instant now);
    }

    /** Deletes a session; says whether the account center's sign-in started it (empty when there was none). */
    @SqlQuery("DELETE FROM web_session WHERE id_hash = :idHash RETURNING by_provider")
    Optional<Boolean> deleteReturningOrigin(byte[] idHash);
}
