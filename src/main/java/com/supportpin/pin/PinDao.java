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
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Support PIN rows. PINs exist here only as keyed hashes. */
@RegisterRowMapper(PinDao.ConsumedPinMapper.class)
@RegisterConstructorMapper(PinDao.PinState.class)
public interface PinDao {

    /** The account and contact whose PIN a successful check consumed. */
    record ConsumedPin(long accountId, long contactId) {
    }

    /** Maps the RETURNING of a consume by hand: Jdbi's constructor mapper inspects the record on every query. */
    final class ConsumedPinMapper implements RowMapper<ConsumedPin> {
        @Override
        public ConsumedPin map(ResultSet row, StatementContext context) throws SQLException {
            return new ConsumedPin(row.getLong("account_id"), row.getLong("contact_id"));
        }
    }

    /** The latest PIN of a contact, for showing its state (never its digits). */
    record PinState(Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {
    }

    /**
     * The check-and-consume UPDATE without its RETURNING clause, for statements that add a condition
     * (the PIN step's one-statement path); {@link #CONSUME} is the whole statement.
     */
    String CONSUME_UPDATE = """
            UPDATE support_pin p
               SET used_at = :now, used_by_call_sid = :callSid
              FROM account a
             WHERE a.account_number = :accountNumber
               AND p.account_id = a.id
               AND p.pin_hash = :pinHash
               AND p.used_at IS NULL
               AND p.revoked_at IS NULL
               AND p.expires_at > :now
               AND NOT EXISTS (SELECT 1 FROM pin_guard g
                                WHERE g.account_number = :accountNumber AND g.locked_until > :now)
            """;

    /**
     * Checks and consumes a PIN in one statement: the row lock makes a second, concurrent use of the
     * same PIN see it consumed. A locked account matches nothing. Shared by every statement that consumes.
     */
    String CONSUME = CONSUME_UPDATE + " RETURNING p.account_id, p.contact_id";


    /**
     * {@link #CONSUME}, and when it consumed a PIN, resets the account's failed-attempt count: one round
     * trip for the success path of a verification. The check-and-consume is still the one UPDATE above.
     */
    @SqlQuery("WITH consumed AS (" + CONSUME + "), " + CLEAR_FAILURES + " SELECT account_id, contact_id FROM consumed")
    Optional<ConsumedPin> consumeAndClearFailures(@Bind("accountNumber") String accountNumber,
            @Bind("pinHash") byte[] pinHash, @Bind("callSid") String callSid, @Bind("now") Instant now);

    /** After the consume CTE: resets the account's failed attempts when a PIN was consumed. */
    String CLEAR_FAILURES = """
            cleared AS (
                UPDATE pin_guard SET failed_attempts = 0
                 WHERE account_number = :accountNumber AND failed_attempts <> 0
                   AND EXISTS (SELECT 1 FROM consumed)
            )
            """;

    /**
     * {@link #consumeAndClearFailures}, and when it consumed a PIN, the attempt's audit row (as
     * {@link AuditDao#record} writes it), all in one round trip: the verified path of the PIN step.
     */
    @SqlQuery("WITH consumed AS (" + CONSUME + "), " + CLEAR_FAILURES + """
            , audited AS (
                INSERT INTO verification_attempt (call_sid, caller, account_entered, outcome, channel, attempted_at)
                SELECT :callSid, :caller, :accountNumber, :outcome, :channel, :now FROM consumed
            )
            SELECT account_id, contact_id FROM consumed
            """)
    Optional<ConsumedPin> consumeAndAudit(@Bind("accountNumber") String accountNumber, @Bind("pinHash") byte[] pinHash,
            @Bind("callSid") String callSid, @Bind("caller") String caller, @Bind("outcome") String outcome,
            @Bind("channel") String channel, @Bind("now") Instant now);

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

    /**
     * Issues a PIN in one statement, in an interface of its own (Jdbi builds a handler for every method of
     * an interface on each attach): revokes the contact's live PIN, retires the account's expired ones and
     * inserts the new one unless its hash collides with another live PIN of the account, or another
     * request of the same contact inserted a live PIN meanwhile (then it returns nothing, and the caller
     * tries again: the next try revokes that PIN). The insert reads the two updates' counts, so that it
     * runs after them: the contact's previous PIN, once revoked, leaves both live-PIN indexes.
     */
    interface Issuing {
        @SqlQuery("""
                WITH revoked AS (
                    UPDATE support_pin SET revoked_at = :now
                     WHERE contact_id = :contactId AND used_at IS NULL AND revoked_at IS NULL
                    RETURNING id
                ), retired AS (
                    UPDATE support_pin SET revoked_at = expires_at
                     WHERE account_id = :accountId AND contact_id <> :contactId
                       AND used_at IS NULL AND revoked_at IS NULL AND expires_at <= :now
                    RETURNING id
                )
                INSERT INTO support_pin (account_id, contact_id, pin_hash, created_at, expires_at)
                SELECT :accountId, :contactId, :pinHash, :now, :expiresAt
                 WHERE (SELECT count(*) FROM revoked) + (SELECT count(*) FROM retired) >= 0
                ON CONFLICT DO NOTHING
                RETURNING id
                """)
        Optional<Long> replaceLivePin(@Bind("accountId") long accountId, @Bind("contactId") long contactId,
                @Bind("pinHash") byte[] pinHash, @Bind("now") Instant now, @Bind("expiresAt") Instant expiresAt);
    }
}
