package com.supportpin.oidc;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sign-ins sent to the account center and not back yet, by the SHA-256 of their state. */
public interface OidcLoginDao {

    /** Records a sign-in on its way out, dropping the ones that never came back in time. */
    @SqlUpdate("""
            WITH stale AS (DELETE FROM oidc_login WHERE created_at < :staleBefore)
            INSERT INTO oidc_login (state_hash, browser_hash, created_at) VALUES (:stateHash, :browserHash, :now)
            """)
    void insert(@Bind("stateHash") byte[] stateHash, @Bind("browserHash") byte[] browserHash, @Bind("now") Instant now,
            @Bind("staleBefore") Instant staleBefore);

    /**
     * Takes the sign-in this state belongs to, if this browser started it and it is recent: one use only,
     * so a second arrival of the same answer (a replayed code) finds nothing.
     */
    @SqlQuery("""
            WITH taken AS (
                DELETE FROM oidc_login
                 WHERE state_hash = :stateHash AND browser_hash = :browserHash AND created_at >= :staleBefore
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM taken)
            """)
    boolean take(@Bind("stateHash") byte[] stateHash, @Bind("browserHash") byte[] browserHash,
            @Bind("staleBefore") Instant staleBefore);
}
