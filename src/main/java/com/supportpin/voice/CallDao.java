package com.supportpin.voice;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The call record, one row per CallSid: all call state lives here, so any instance serves any step. */
@RegisterRowMapper(CallDao.CallStateMapper.class)
public interface CallDao {

    /** Where a call stands. Holds no PIN and no digits, only a keyed fingerprint of the last input. */
    @RecordBuilder
    record CallState(
            String callSid,
            String caller,
            String accountEntered,
            int pinFailures,
            int reprompts,
            Long accountId,
            Long contactId,
            Instant verifiedAt,
            String verifiedBy,
            String queue,
            String unverifiedReason,
            String lastStep,
            byte[] lastInputHash,
            String lastResponse)
            implements Replayable, CallDaoCallStateBuilder.With {

        public boolean routed() {
            return queue != null;
        }

        public boolean verified() {
            return verifiedAt != null;
        }

        public CallState withReprompt() {
            return withReprompts(reprompts + 1);
        }

        public CallState withPinFailure() {
            return withPinFailures(pinFailures + 1);
        }

        public CallState verifiedAs(long account, long contact, Instant at, String by, String queueName) {
            return with(next -> next.accountId(account)
                    .contactId(contact)
                    .verifiedAt(at)
                    .verifiedBy(by)
                    .queue(queueName)
                    .unverifiedReason(null));
        }

        public CallState routedUnverified(String queueName, UnverifiedReason reason) {
            return with(next -> next.queue(queueName).unverifiedReason(reason.code()));
        }

        public CallState answered(String step, byte[] inputHash, String response) {
            return with(next -> next.lastStep(step).lastInputHash(inputHash).lastResponse(response));
        }

        @Override
        public String toString() {
            return "CallState[callSid=" + callSid + ", pinFailures=" + pinFailures + ", queue=" + queue + "]";
        }
    }

    /** Maps the call row by hand (BENCHMARKS.md, "Why the hot paths look as they do"). */
    final class CallStateMapper implements RowMapper<CallState> {
        @Override
        public CallState map(ResultSet row, StatementContext context) throws SQLException {
            OffsetDateTime verifiedAt = row.getObject("verified_at", OffsetDateTime.class);
            return new CallState(
                    row.getString("call_sid"),
                    row.getString("caller"),
                    row.getString("account_entered"),
                    row.getInt("pin_failures"),
                    row.getInt("reprompts"),
                    row.getObject("account_id", Long.class),
                    row.getObject("contact_id", Long.class),
                    verifiedAt == null ? null : verifiedAt.toInstant(),
                    row.getString("verified_by"),
                    row.getString("queue"),
                    row.getString("unverified_reason"),
                    row.getString("last_step"),
                    row.getBytes("last_input_hash"),
                    row.getString("last_response"));
        }
    }

    /** Creates the call's row if new and locks it: steps of one call, retries included, run one at a time on any instance. */
    @SqlQuery("""
            INSERT INTO call (call_sid, caller, started_at, updated_at) VALUES (:callSid, :caller, :now, :now)
            ON CONFLICT (call_sid) DO UPDATE SET updated_at = EXCLUDED.updated_at
            RETURNING call_sid, caller, account_entered, pin_failures, reprompts, account_id, contact_id,
                      verified_at, verified_by, queue, unverified_reason, last_step, last_input_hash, last_response
            """)
    CallState lockOrCreate(String callSid, String caller, Instant now);

    /** The incoming step's one statement: {@link #lockOrCreate} without reading the row back. */
    interface Opening {
        @SqlUpdate("""
                INSERT INTO call (call_sid, caller, started_at, updated_at) VALUES (:callSid, :caller, :now, :now)
                ON CONFLICT (call_sid) DO UPDATE SET updated_at = EXCLUDED.updated_at
                """)
        void open(String callSid, String caller, Instant now);
    }

    @SqlUpdate("""
            UPDATE call SET account_entered = :accountEntered, pin_failures = :pinFailures, reprompts = :reprompts,
                   account_id = :accountId, contact_id = :contactId, verified_at = :verifiedAt,
                   verified_by = :verifiedBy, queue = :queue, unverified_reason = :unverifiedReason,
                   last_step = :lastStep, last_input_hash = :lastInputHash, last_response = :lastResponse
             WHERE call_sid = :callSid
            """)
    void save(@BindMethods CallState call);

    /** {@link #save} for a step whose answer is an Enqueue, and the caller recorded as waiting: one round trip. */
    @SqlUpdate
    @UseClasspathSqlLocator
    void saveAndEnqueue(@BindMethods CallState call, Instant now);

    @SqlQuery("""
            SELECT call_sid, caller, account_entered, pin_failures, reprompts, account_id, contact_id, verified_at,
                   verified_by, queue, unverified_reason, last_step, last_input_hash, last_response
              FROM call WHERE call_sid = :callSid
            """)
    Optional<CallState> find(String callSid);

    /** The status callback's one statement: the call's status and, when final, its queue record and bridge closed. */
    @UseClasspathSqlLocator
    interface StatusRecording {
        @SqlUpdate
        void recordStatus(
                String callSid,
                String caller,
                String status,
                boolean isFinal,
                @Bind("result") String leftResult,
                Instant now);
    }
}
