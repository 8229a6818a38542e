package com.supportpin.web;

import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Sign-in attempts, one row per attempt and key (an e-mail's or a client address's keyed hash). An
 * e-mail's row counts as a failure from the start; an address's row is a reservation ({@code in_flight})
 * until its check fails (then a failure) or succeeds (then deleted).
 */
@RegisterConstructorMapper(SignInThrottleDao.Admission.class)
public interface SignInThrottleDao {

    /**
     * What {@link #admit} decided: the attempt was recorded ({@code addressFailureId} set); or a key is at
     * the cap ({@code capReachedAt}: when its failure that counts last leaves the window); or neither,
     * but every unit of the address's remaining budget is reserved by attempts still being checked
     * ({@code budgetReserved}).
     */
    record Admission(Instant capReachedAt, boolean budgetReserved, Long addressFailureId) {
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
     * In one statement: the e-mail's rows after {@code cutoff} (in flight or not) and the address's failures
     * (a reservation older than {@code staleBefore} included: its check never ended) are compared with the
     * cap; when neither is at it and the address has a unit of budget that no attempt in flight holds, the
     * attempt is recorded for both keys. Also drops a batch of aged-out rows, skipping any another attempt holds.
     */
    @SqlQuery
    @UseClasspathSqlLocator
    Admission admit(@Bind("accountKey") byte[] accountKey, @Bind("addressKey") byte[] addressKey,
            @Bind("now") Instant now, @Bind("cutoff") Instant cutoff, @Bind("staleBefore") Instant staleBefore,
            @Bind("limit") int limit);

    /** The attempt's check failed: its reservation becomes a failure of the address. */
    @SqlUpdate("UPDATE sign_in_failure SET in_flight = false WHERE id = :id")
    int spend(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE id = :id")
    int deleteById(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE key_hash = :keyHash")
    int deleteKey(@Bind("keyHash") byte[] keyHash);
}
