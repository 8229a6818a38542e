package com.supportpin.web;

import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sign-in attempts, one row per attempt and key; an address's row is a reservation until its check ends. */
@RegisterConstructorMapper(SignInThrottleDao.Admission.class)
public interface SignInThrottleDao {

    /** What {@link #admit} decided: recorded, a key at its cap, or the address's budget all reserved. */
    record Admission(Instant capReachedAt, boolean budgetReserved, Long addressFailureId) {}

    /** Locks both keys for the transaction, lower id first; 1397311310 (0x5349474E, "SIGN") is this table's lock namespace. */
    @SqlQuery("""
            SELECT count(*)
              FROM (SELECT pg_advisory_xact_lock(1397311310, :lower), pg_advisory_xact_lock(1397311310, :higher))
                AS locked
            """)
    long lock(int lower, int higher);

    /** Records the attempt for both keys unless one is at its cap or the address's budget is all reserved; drops aged rows. */
    @SqlQuery
    @UseClasspathSqlLocator
    Admission admit(byte[] accountKey, byte[] addressKey, Instant now, Instant cutoff, Instant staleBefore, int limit);

    /** The attempt's check failed: its reservation becomes a failure of the address. */
    @SqlUpdate("UPDATE sign_in_failure SET in_flight = false WHERE id = :id")
    int spend(long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE id = :id")
    int deleteById(long id);

    @SqlUpdate("DELETE FROM sign_in_failure WHERE key_hash = :keyHash")
    int deleteKey(byte[] keyHash);
}
