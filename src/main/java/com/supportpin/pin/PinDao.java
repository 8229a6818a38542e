package com.supportpin.pin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Support PIN rows. PINs exist here only as keyed hashes. */
@RegisterRowMapper(PinDao.ConsumedPinMapper.class)
@RegisterConstructorMapper(PinDao.PinState.class)
public interface PinDao {

    /** The account and contact whose PIN a successful check consumed. */
    record ConsumedPin(long accountId, long contactId) {}

    /** Maps the RETURNING of a consume by hand (BENCHMARKS.md, "Why the hot paths look as they do"). */
    final class ConsumedPinMapper implements RowMapper<ConsumedPin> {
        @Override
        public ConsumedPin map(ResultSet row, StatementContext context) throws SQLException {
            return new ConsumedPin(row.getLong("account_id"), row.getLong("contact_id"));
        }
    }

    /** The latest PIN of a contact, for showing its state (never its digits). */
    record PinState(Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

    /** Consumes a PIN ({@code pin-consume.sql}) and resets the account's failures: a verification's success path. */
    @SqlQuery
    @UseClasspathSqlLocator
    Optional<ConsumedPin> consumeAndClearFailures(
            @Bind("accountNumber") String accountNumber,
            @Bind("pinHash") byte[] pinHash,
            @Bind("callSid") String callSid,
            @Bind("now") Instant now);

    /** {@link #consumeAndClearFailures} and the attempt's audit row in one round trip: the PIN step's verified path. */
    @SqlQuery
    @UseClasspathSqlLocator
    Optional<ConsumedPin> consumeAndAudit(
            @Bind("accountNumber") String accountNumber,
            @Bind("pinHash") byte[] pinHash,
            @Bind("callSid") String callSid,
            @Bind("caller") String caller,
            @Bind("outcome") String outcome,
            @Bind("channel") String channel,
            @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE support_pin SET revoked_at = :now
             WHERE contact_id = :contactId AND used_at IS NULL AND revoked_at IS NULL
            """)
    int revokeLiveForContact(@Bind("contactId") long contactId, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE support_pin p SET revoked_at = :now
              FROM account a
             WHERE a.account_number = :accountNumber AND p.account_id = a.id
               AND p.used_at IS NULL AND p.revoked_at IS NULL
            """)
    int revokeLiveForAccount(@Bind("accountNumber") String accountNumber, @Bind("now") Instant now);

    @SqlQuery("""
            SELECT created_at, expires_at, used_at, revoked_at FROM support_pin
             WHERE contact_id = :contactId ORDER BY created_at DESC, id DESC LIMIT 1
            """)
    Optional<PinState> latestForContact(@Bind("contactId") long contactId);

    /** Issues a PIN in one statement (see its file); a hot statement, so an interface of its own. */
    @UseClasspathSqlLocator
    interface Issuing {
        @SqlQuery
        Optional<Long> replaceLivePin(
                @Bind("accountId") long accountId,
                @Bind("contactId") long contactId,
                @Bind("pinHash") byte[] pinHash,
                @Bind("now") Instant now,
                @Bind("expiresAt") Instant expiresAt);

        @SqlQuery
        boolean contactDisabled(@Bind("contactId") long contactId);
    }
}
