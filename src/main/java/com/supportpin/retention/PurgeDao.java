package com.supportpin.retention;

import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The purge's statements for any {@link PurgeKind}: table and condition defined in, every cutoff bound. */
@AllowUnusedBindings
public interface PurgeDao {

    /** Namespace of the purge's advisory lock, apart from the sign-in throttle's. */
    int LOCK_NAMESPACE = 0x5055_5247;

    /** Takes the purge's session-level lock on this connection; false when another instance holds it. */
    @SqlQuery("SELECT pg_try_advisory_lock(" + LOCK_NAMESPACE + ", 1)")
    boolean tryLock();

    @SqlQuery("SELECT pg_advisory_unlock(" + LOCK_NAMESPACE + ", 1)")
    boolean unlock();

    /** Deletes at most {@code batch} rows that no longer matter, skipping rows a webhook holds. */
    @SqlUpdate("""
            DELETE FROM <table> WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM <table> WHERE <condition> LIMIT :batch FOR UPDATE SKIP LOCKED))
            """)
    int deleteBatch(
            @Define("table") String table,
            @Define("condition") String condition,
            @BindMethods Purge.Cutoffs cutoffs,
            int batch);

    @SqlQuery("SELECT count(*) FROM <table> WHERE <condition>")
    long count(
            @Define("table") String table, @Define("condition") String condition, @BindMethods Purge.Cutoffs cutoffs);
}
