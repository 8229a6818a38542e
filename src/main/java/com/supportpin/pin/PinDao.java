package com.supportpin.pin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
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

    /**
     * Consumes a PIN ({@code pin-consume.sql}), resets the account's failures and audits the attempt in one round
     * trip: a verification's success path. {@code agentId} is null unless an agent checked the PIN.
     */
    @SqlQuery
    @UseClasspathSqlLocator
    Optional<ConsumedPin> consumeAndAudit(
            String accountNumber,
            byte[] pinHash,
            String callSid,
            String caller,
            String outcome,
            String channel,
            Long agentId,
            Instant now);

    @SqlUpdate("""
            UPDATE support_pin SET revoked_at = :now
             WHERE contact_id = :contactId AND used_at IS NULL AND revoked_at IS NULL
            """)
    int revokeLiveForContact(long contactId, Instant now);

    @SqlUpdate("""
            UPDATE support_pin p SET revoked_at = :now
              FROM account a
             WHERE a.account_number = :accountNumber AND p.account_id = a.id
               AND p.used_at IS NULL AND p.revoked_at IS NULL
            """)
    int revokeLiveForAccount(String accountNumber, Instant now);

    @SqlQuery("""
            SELECT created_at, expires_at, used_at, revoked_at FROM support_pin
             WHERE contact_id = :contactId ORDER BY created_at DESC, id DESC LIMIT 1
            """)
    Optional<PinState> latestForContact(long contactId);

    /** Issues a PIN in one statement (see its file); a hot statement, so an interface of its own. */
    @UseClasspathSqlLocator
    interface Issuing {
        @SqlQuery
        Optional<Long> replaceLivePin(long accountId, long contactId, byte[] pinHash, Instant now, Instant expiresAt);

        @SqlQuery
        boolean contactDisabled(long contactId);
    }
}
