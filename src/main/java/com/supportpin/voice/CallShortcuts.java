package com.supportpin.voice;

import com.supportpin.pin.PinDao;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The common case of the two digits steps, each in one statement on the call row (see
 * {@link CallTransaction.Shortcut}). Each statement changes nothing unless the call row is in the state
 * the full path would have decided from: not yet routed, and not a retry of the step's last answer.
 * When it changes nothing, the step runs its full path in the same transaction. Each has an interface
 * of its own (see {@link CallDao.Opening}).
 */
public interface CallShortcuts {

    /** Not a retried webhook: the full path answers those with the stored answer. */
    String NOT_A_RETRY = """
            (last_step IS DISTINCT FROM :step OR last_response IS NULL OR last_input_hash IS DISTINCT FROM :inputHash)
            """;

    /** A well-formed account number: stored on the call with the step's answer (the PIN prompt). */
    interface AccountEntry {
        @SqlUpdate("""
                UPDATE call SET account_entered = :accountNumber, last_step = :step, last_input_hash = :inputHash,
                       last_response = :response, updated_at = :now
                 WHERE call_sid = :callSid AND queue IS NULL AND
                """ + NOT_A_RETRY)
        int enterAccount(@Bind("callSid") String callSid, @Bind("accountNumber") String accountNumber,
                @Bind("step") String step, @Bind("inputHash") byte[] inputHash, @Bind("response") String response,
                @Bind("now") Instant now);
    }

    /**
     * A PIN keyed for the account number the call entered: locks the call row, checks and consumes the
     * PIN (the unchanged {@link PinDao#CONSUME_UPDATE}, so a locked account matches nothing), resets the
     * account's failed attempts, audits the attempt, saves the call as verified with the step's answer
     * and records it as waiting in {@code queue}. Empty, having changed nothing, when any of it does not
     * apply (another account, a routed call, a retry, a wrong or spent PIN, a locked account). Values
     * used many times (the time above all, which the driver sends as text) are bound once, in {@code input};
     * the retry test is {@link #NOT_A_RETRY} on those columns.
     */
    @RegisterRowMapper(PinDao.ConsumedPinMapper.class)
    interface PinVerification {
        @SqlQuery("""
                WITH input AS (
                    SELECT CAST(:now AS timestamptz) AS now, CAST(:callSid AS text) AS call_sid,
                           CAST(:accountNumber AS text) AS account_number, CAST(:step AS text) AS step,
                           CAST(:inputHash AS bytea) AS input_hash, CAST(:channel AS text) AS channel
                ), locked AS (
                    SELECT call.call_sid, call.caller FROM call, input
                     WHERE call.call_sid = input.call_sid AND call.account_entered = input.account_number
                       AND call.queue IS NULL
                       AND (call.last_step IS DISTINCT FROM input.step OR call.last_response IS NULL
                            OR call.last_input_hash IS DISTINCT FROM input.input_hash)
                       FOR NO KEY UPDATE OF call
                ), consumed AS (
                """ + PinDao.CONSUME_UPDATE + """
                       AND EXISTS (SELECT 1 FROM locked)
                    RETURNING p.account_id, p.contact_id
                ), """ + PinDao.CLEAR_FAILURES + """
                , audited AS (
                    INSERT INTO verification_attempt (call_sid, caller, account_entered, outcome, channel, attempted_at)
                    SELECT locked.call_sid, locked.caller, input.account_number, :outcome, input.channel, input.now
                      FROM consumed, locked, input
                ), saved AS (
                    UPDATE call SET account_id = consumed.account_id, contact_id = consumed.contact_id,
                           verified_at = input.now, verified_by = input.channel, queue = :queue,
                           unverified_reason = NULL, last_step = input.step, last_input_hash = input.input_hash,
                           last_response = :response, updated_at = input.now
                      FROM consumed, input
                     WHERE call.call_sid = input.call_sid
                    RETURNING call.call_sid, call.queue, input.now
                ), enqueued AS (
                    INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at)
                    SELECT call_sid, queue, now, now FROM saved
                """ + QueueDao.ENQUEUED_CONFLICT + """
                )
                SELECT account_id, contact_id FROM consumed
                """)
        Optional<PinDao.ConsumedPin> verifyAndEnqueue(@Bind("callSid") String callSid,
                @Bind("accountNumber") String accountNumber, @Bind("pinHash") byte[] pinHash, @Bind("step") String step,
                @Bind("inputHash") byte[] inputHash, @Bind("response") String response, @Bind("outcome") String outcome,
                @Bind("channel") String channel, @Bind("queue") String queue, @Bind("now") Instant now);
    }
}
