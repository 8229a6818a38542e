package com.supportpin.web;

import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failed sign-in attempts, one row per attempt and key (an e-mail's or a client address's keyed hash). */
@RegisterConstructorMapper(SignInThrottleDao.Admission.class)
public interface SignInThrottleDao {

    /** Namespace of this table's advisory locks, so they never meet another feature's. */
    int LOCK_NAMESPACE = 0x5349_474E;

    /**
     * Either the attempt was recorded ({@code addressFailureId} set) or a key is at the cap, in which
     * case {@code capReachedAt} is when its failure that counts last leaves the window.
     */
    record Admission(Instant capReachedAt, Long addressFailureId) {
    }

    /**
     * Serialises attempts on both keys until the transaction ends (lower id first, so two attempts
     * never wait on each other in a cycle): concurrent guesses cannot overrun the cap.
     */
    @SqlQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", :lower), "
            + "pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", :higher)) AS locked")
    long lock(@Bind("lower") int lower, @Bind("higher") int higher);

    /**
     * In one statement: looks for a key with {@code limit} failures after {@code cutoff} and, when
     * neither has, records this attempt as a failure of both keys (it is forgiven if it succeeds).
     * Also drops a batch of aged-out rows, skipping any another attempt holds.
     */
    @SqlQuery("""
            WITH purged AS (
                DELETE FROM sign_in_failure WHERE id IN (
                    SELECT id FROM sign_in_failure WHERE failed_at <= :cutoff LIMIT 100 FOR UPDATE SKIP LOCKED)
            ), capped AS (
                SELECT (SELECT failed_at FROM sign_in_failure
                         WHERE key_hash = k.key_hash AND failed_at > :cutoff
                         ORDER BY failed_at DESC OFFSET :limit - 1 LIMIT 1) AS cap_reached_at
                  FROM (VALUES (CAST(:accountKey AS bytea)), (CAST(:addressKey AS bytea))) AS k (key_hash)
            ), inserted AS (
                INSERT INTO sign_in_failure (key_hash, failed_at)
                SELECT k.key_hash, :now
                  FROM (VALUES (CAST(:accountKey AS bytea)), (CAST(:addressKey AS bytea))) AS k (key_hash)
                 WHERE NOT EXISTS (SELECT 1 FROM capped WHERE cap_reached_at IS NOT NULL)
                RETURNING id, key_hash
            )
            SELECT (SELECT max(cap_reached_at) FROM capped) AS cap_reached_at,
                   (SELECT id FROM inserted WHERE key_hash = CAST(:addressKey AS bytea)) AS address_failure_id
            """)
    Admission admit(@Bind("accountKey") byte[] accountKey, @Bind("addressKey") byte[] addressKey,
            @Bind("now") Instant now, @Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE id = :id")
    int deleteById(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE key_hash = :keyHash")
    int deleteKey(@Bind("keyHash") byte[] keyHash);
}
