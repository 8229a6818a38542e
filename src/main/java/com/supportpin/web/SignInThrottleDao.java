package com.supportpin.web;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failed sign-in attempts, one row per attempt and key (an e-mail's or a client address's keyed hash). */
public interface SignInThrottleDao {

    /** Namespace of this table's advisory locks, so they never meet another feature's. */
    int LOCK_NAMESPACE = 0x5349_474E;

    /** Serialises attempts on one key until the transaction ends, so concurrent guesses cannot overrun the cap. */
    @SqlQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", :lockId)) AS locked")
    long lock(@Bind("lockId") int lockId);

    /**
     * The time of the {@code limit}-th most recent failure after {@code cutoff}: present when the key
     * has reached the cap, and the key is free again once that failure leaves the window.
     */
    @SqlQuery("""
            SELECT failed_at FROM sign_in_failure
             WHERE key_hash = :keyHash AND failed_at > :cutoff
             ORDER BY failed_at DESC
            OFFSET :limit - 1 LIMIT 1
            """)
    Optional<Instant> capReachedAt(@Bind("keyHash") byte[] keyHash, @Bind("cutoff") Instant cutoff,
            @Bind("limit") int limit);

    @SqlQuery("INSERT INTO sign_in_failure (key_hash, failed_at) VALUES (:keyHash, :now) RETURNING id")
    long insert(@Bind("keyHash") byte[] keyHash, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE id = :id")
    int deleteById(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE key_hash = :keyHash")
    int deleteKey(@Bind("keyHash") byte[] keyHash);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE failed_at <= :cutoff")
    int deleteOlderThan(@Bind("cutoff") Instant cutoff);
}
