package com.supportpin.voice;

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
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The call record, one row per CallSid: all call state lives here, so any instance serves any step. */
@RegisterRowMapper(CallDao.CallStateMapper.class)
public interface CallDao {

    /** Where a call stands. Holds no PIN and no digits, only a keyed fingerprint of the last input. */
    record CallState(String callSid, String caller, String accountEntered, int pinFailures, int reprompts,
            Long accountId, Long contactId, Instant verifiedAt, String verifiedBy, String queue,
            String unverifiedReason, String lastStep, byte[] lastInputHash, String lastResponse) {

        public boolean routed() {
            return queue != null;
        }

        public boolean verified() {
            return verifiedAt != null;
        }

        public CallState withAccountEntered(String account) {
            return new CallState(callSid, caller, account, pinFailures, reprompts, accountId, contactId,
                    verifiedAt, verifiedBy, queue, unverifiedReason, lastStep, lastInputHash, lastResponse);
        }

        public CallState withReprompt() {
            return new CallState(callSid, caller, accountEntered, pinFailures, reprompts + 1, accountId, contactId,
                    verifiedAt, verifiedBy, queue, unverifiedReason, lastStep, lastInputHash, lastResponse);
        }

        public CallState withPinFailure() {
            return new CallState(callSid, caller, accountEntered, pinFailures + 1, reprompts, accountId, contactId,
                    verifiedAt, verifiedBy, queue, unverifiedReason, lastStep, lastInputHash, lastResponse);
        }

        public CallState verifiedAs(long account, long contact, Instant at, String by, String queueName) {
            return new CallState(callSid, caller, accountEntered, pinFailures, reprompts, account, contact,
                    at, by, queueName, null, lastStep, lastInputHash, lastResponse);
        }

        public CallState routedUnverified(String queueName, String reason) {
            return new CallState(callSid, caller, accountEntered, pinFailures, reprompts, accountId, contactId,
                    verifiedAt, verifiedBy, queueName, reason, lastStep, lastInputHash, lastResponse);
        }

        public CallState answered(String step, byte[] inputHash, String response) {
            return new CallState(callSid, caller, accountEntered, pinFailures, reprompts, accountId, contactId,
                    verifiedAt, verifiedBy, queue, unverifiedReason, step, inputHash, response);
        }

        @Override
        public String toString() {
            return "CallState[callSid=" + callSid + ", pinFailures=" + pinFailures + ", queue=" + queue + "]";
        }
    }

    /**
     * Maps {@link #COLUMNS} by hand. Every digits step reads the call row, and Jdbi's constructor mapper
     * inspects the record's fourteen parameters again on every query: a large share of a webhook's CPU.
     */
    final class CallStateMapper implements RowMapper<CallState> {
        @Override
        public CallState map(ResultSet row, StatementContext context) throws SQLException {
            OffsetDateTime verifiedAt = row.getObject("verified_at", OffsetDateTime.class);
            return new CallState(row.getString("call_sid"), row.getString("caller"), row.getString("account_entered"),
                    row.getInt("pin_failures"), row.getInt("reprompts"), row.getObject("account_id", Long.class),
                    row.getObject("contact_id", Long.class), verifiedAt == null ? null : verifiedAt.toInstant(),
                    row.getString("verified_by"), row.getString("queue"), row.getString("unverified_reason"),
                    row.getString("last_step"), row.getBytes("last_input_hash"), row.getString("last_response"));
        }
    }

    String COLUMNS = """
            call_sid, caller, account_entered, pin_failures, reprompts, account_id, contact_id, verified_at,
            verified_by, queue, unverified_reason, last_step, last_input_hash, last_response
            """;

    /**
     * Creates the call's row if new and locks it for the rest of the transaction, in one round trip:
     * steps of one call (including a webhook Twilio retries) are serialised, whichever instance runs them.
     */
    @SqlQuery(OPEN + "RETURNING " + COLUMNS)
    CallState lockOrCreate(@Bind("callSid") String callSid, @Bind("caller") String caller, @Bind("now") Instant now);

    /** Creates the call's row if new, else marks it updated. */
    String OPEN = """
            INSERT INTO call (call_sid, caller, started_at, updated_at) VALUES (:callSid, :caller, :now, :now)
            ON CONFLICT (call_sid) DO UPDATE SET updated_at = EXCLUDED.updated_at
            """;

    /**
     * The incoming step's one statement ({@link #OPEN}, without reading the row back). Jdbi builds a
     * handler for every method of a SqlObject interface each time a handle attaches it, so the one
     * statement of a hot webhook gets an interface of its own.
     */
    interface Opening {
        @SqlUpdate(OPEN)
        void open(@Bind("callSid") String callSid, @Bind("caller") String caller, @Bind("now") Instant now);
    }

    String SAVE = """
            UPDATE call SET account_entered = :accountEntered, pin_failures = :pinFailures, reprompts = :reprompts,
                   account_id = :accountId, contact_id = :contactId, verified_at = :verifiedAt,
                   verified_by = :verifiedBy, queue = :queue, unverified_reason = :unverifiedReason,
                   last_step = :lastStep, last_input_hash = :lastInputHash, last_response = :lastResponse
             WHERE call_sid = :callSid
            """;

    @SqlUpdate(SAVE)
    void save(@BindMethods CallState call);

    /**
     * {@link #save} for a step whose answer is an Enqueue, recording in the same statement that the caller
     * now waits in {@code call.queue()} (as {@link QueueDao#enqueued} does): one round trip, not two.
     */
    @SqlUpdate("WITH saved AS (" + SAVE + " RETURNING call_sid, queue) "
            + "INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at) "
            + "SELECT call_sid, queue, :now, :now FROM saved " + QueueDao.ENQUEUED_CONFLICT)
    void saveAndEnqueue(@BindMethods CallState call, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM call WHERE call_sid = :callSid")
    Optional<CallState> find(@Bind("callSid") String callSid);

    /** How the caller left the queue (Twilio's QueueResult) and after how long. */
    String RECORD_QUEUE_EXIT = """
            UPDATE call SET queue_result = :result, queue_time_s = :queueTime, updated_at = :now
             WHERE call_sid = :callSid
            """;

    /**
     * The status callback's one statement: the call's status and, when it is final, the caller's queue
     * record closed as hung up and any bridge of the call closed.
     */
    interface StatusRecording {
        @SqlUpdate("WITH left_queue AS (" + QueueDao.LEFT + " AND :isFinal), ended AS (" + QueueDao.BRIDGE_ENDED
                + " AND :isFinal) " + """
                INSERT INTO call (call_sid, caller, started_at, updated_at, final_status)
                VALUES (:callSid, :caller, :now, :now, :status)
                ON CONFLICT (call_sid) DO UPDATE SET final_status = EXCLUDED.final_status,
                    updated_at = EXCLUDED.updated_at
                """)
        void recordStatus(@Bind("callSid") String callSid, @Bind("caller") String caller,
                @Bind("status") String status, @Bind("isFinal") boolean isFinal, @Bind("result") String leftResult,
                @Bind("now") Instant now);
    }
}
