package com.supportpin.web;

import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Failed sign-in attempts, one row per attempt and key (an e-mail's or a client address's keyed hash). */
@RegisterConstructorMapper(SignInThrottleDao.Admission.class)
public interface SignInThrottleDao {

    /**
     * Either the attempt was recorded ({@code addressFailureId} set) or a key is at the cap, in which
     * case {@code capReachedAt} is when its failure that counts last leaves the window.
     */
    record Admission(Instant capReachedAt, Long addressFailureId) {
    }

    /**
     * Serialises attempts on both keys until the transaction ends (lower id first, so two attempts
     * never wait on each other in a cycle): concurrent guesses cannot overrun the cap. 1397311310 is
     * 0x5349474E ("SIGN"), this table's namespace of advisory locks, so they never meet another feature's.
     */
    @SqlQuery("""
            SELECT count(*)
              FROM (SELECT pg_advisory_xact_lock(1397311310, :lower), pg_advisory_xact_lock(1397311310, :higher))
                AS locked
            """)
    long lock(@Bind("lower") int lower, @Bind("higher") int higher);

    /**
     * In one statement: looks for a key with {@code limit} failures after {@code cutoff} and, when
     * neither has, records this attempt as a failure of both keys (it is forgiven if it succeeds).
     * Also drops a batch of aged-out rows, skipping any another attempt holds.
     */
    @SqlQuery
    @UseClasspathSqlLocator
    Admission admit(@Bind("accountKey") byte[] accountKey, @Bind("addressKey") byte[] addressKey,
            @Bind("now") Instant now, @Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE id = :id")
    int deleteById(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE key_hash = :keyHash")
    int deleteKey(@Bind("keyHash") byte[] keyHash);
}
