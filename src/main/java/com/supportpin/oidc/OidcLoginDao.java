package com.supportpin.oidc;

import java.time.Instant;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sign-ins sent to the account center and not back yet, by the SHA-256 of their state (statements in .sql files). */
@UseClasspathSqlLocator
public interface OidcLoginDao {

    /** Records a sign-in on its way out, dropping the ones that never came back in time. */
    @SqlUpdate
    void insert(byte[] stateHash, byte[] browserHash, Instant now, Instant staleBefore);

    /** Takes the sign-in if this browser started it and it is recent: one use only. */
    @SqlQuery
    boolean take(byte[] stateHash, byte[] browserHash, Instant staleBefore);
}
