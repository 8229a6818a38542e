package com.supportpin.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API keys (only a keyed hash of each secret), their per-minute call counters and the call audit. */
@RegisterConstructorMapper(ApiKeyDao.StoredKey.class)
@RegisterConstructorMapper(ApiKeyDao.ListedKey.class)
public interface ApiKeyDao {

    /** A key's row as {@link ApiKeys#authenticate} needs it. */
    record StoredKey(long id, String name, byte[] secretHash, Instant revokedAt) {}

    /** A key as {@code apikey list} shows it, with the time of its last call. */
    record ListedKey(String name, Instant createdAt, Instant revokedAt, Instant lastCallAt) {}

    @SqlQuery("""
            INSERT INTO api_key (name, public_id, secret_hash, created_at) VALUES (:name, :publicId, :secretHash, :now)
            ON CONFLICT (name) DO NOTHING
            RETURNING id
            """)
    Optional<Long> insert(String name, String publicId, byte[] secretHash, Instant now);

    @SqlQuery("SELECT id, name, secret_hash, revoked_at FROM api_key WHERE public_id = :publicId")
    Optional<StoredKey> findByPublicId(String publicId);

    @SqlQuery("""
            SELECT k.name, k.created_at, k.revoked_at,
                   (SELECT max(c.called_at) FROM api_call c WHERE c.key_name = k.name) AS last_call_at
              FROM api_key k ORDER BY k.name
            """)
    List<ListedKey> list();

    @SqlUpdate("UPDATE api_key SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
    int revoke(String name, Instant now);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM api_key WHERE name = :name)")
    boolean exists(String name);

    /** Counts a call in the key's current minute and returns the count so far (see its file). */
    @SqlQuery
    @UseClasspathSqlLocator
    int countCall(long keyId, Instant windowStart, Instant pruneBefore);

    /** The audit of one call: the key's name (never the key), or NULL when no valid key came. */
    @SqlUpdate("""
            INSERT INTO api_call (key_name, method, path, status, called_at) VALUES (:keyName, :method, :path, :status, :now)
            """)
    void audit(String keyName, String method, String path, int status, Instant now);
}
