package com.supportpin.callback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Callbacks in PostgreSQL: each state change is one statement from an expected state, with its audit row. */
@RegisterConstructorMapper(CallbackDao.Request.class)
@RegisterConstructorMapper(CallbackDao.Due.class)
@RegisterConstructorMapper(CallbackDao.Placed.class)
@RegisterConstructorMapper(CallbackDao.Attempt.class)
@RegisterConstructorMapper(CallbackDao.Expired.class)
public interface CallbackDao {

    /** A request recorded: the callback's id, and whether it is new (else an open one was updated). */
    record Request(long id, boolean created) {}

    /** The next callback an agent may be offered: its tier (queue) and place in line. */
    record Due(long id, String queue, Instant queuedSince) {}

    /** A call placed to a customer: the attempt, the number dialled and which try this is. */
    record Placed(long attemptId, long callbackId, String caller, String queue, int attempts) {}

    /** An attempt with its callback, locked for the agent's Dial action. */
    record Attempt(
            long id,
            long callbackId,
            String agentCallSid,
            Long agentId,
            Instant answeredAt,
            Instant reachedAt,
            Instant endedAt,
            String result,
            String callbackState,
            String claimedByCallSid,
            int attempts) {}

    /** A callback whose attempt expired without a result: back to waiting, or closed unreached. */
    record Expired(long id, String state, String lastResult) {}

    @SqlQuery("SELECT id FROM callback_request WHERE call_sid = :callSid")
    Optional<Long> findByCall(String callSid);

    /** Records a callback request, or updates the number's open one; empty when this call's request is already recorded. */
    @SqlQuery("""
            INSERT INTO callback_request (call_sid, caller, queue, requested_at, last_requested_at, state,
                                          queued_since, next_attempt_at, verified_at, verified_by, account_id, contact_id)
            SELECT :callSid, :caller, COALESCE(m.queue, c.queue, :fallbackQueue), :now, :now, 'waiting',
                   COALESCE(m.entered_at, :now), :now, c.verified_at, c.verified_by,
                   CASE WHEN c.verified_at IS NOT NULL THEN c.account_id END,
                   CASE WHEN c.verified_at IS NOT NULL THEN c.contact_id END
              FROM (SELECT 1) AS one
              LEFT JOIN call c ON c.call_sid = :callSid
              LEFT JOIN queue_member m ON m.call_sid = :callSid
            ON CONFLICT (caller) WHERE closed_at IS NULL DO UPDATE SET
                call_sid = EXCLUDED.call_sid, queue = EXCLUDED.queue,
                queued_since = LEAST(callback_request.queued_since, EXCLUDED.queued_since),
                last_requested_at = EXCLUDED.last_requested_at, requests = callback_request.requests + 1,
                verified_at = EXCLUDED.verified_at, verified_by = EXCLUDED.verified_by,
                account_id = EXCLUDED.account_id, contact_id = EXCLUDED.contact_id,
                attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at
             WHERE callback_request.call_sid <> EXCLUDED.call_sid
            RETURNING id, requests = 1 AS created
            """)
    Optional<Request> request(String callSid, String caller, String fallbackQueue, Instant now);

    @SqlUpdate("""
            INSERT INTO callback_event (callback_id, happened_at, event, agent_id, agent_call_sid, detail)
            VALUES (:callbackId, :now, :event, :agentId, :agentCallSid, :detail)
            """)
    void log(long callbackId, String event, Long agentId, String agentCallSid, String detail, Instant now);

    /** Withdraws offers nobody answered in time, so another agent can have them. */
    @SqlUpdate
    @UseClasspathSqlLocator
    int expireOffers(Instant now);

    /** Ends attempts whose Dial action never came, with the result the customer's leg recorded, if any. */
    @SqlQuery
    @UseClasspathSqlLocator
    List<Expired> expireAttempts(int maxAttempts, Instant now);

    /** The next due callback to offer, verified tier first, locked; not one this agent call skipped lately. */
    @SqlQuery("""
            SELECT id, queue, queued_since FROM callback_request cb
             WHERE cb.state = 'waiting' AND cb.next_attempt_at <= :now
               AND NOT EXISTS (SELECT 1 FROM callback_event e
                                WHERE e.callback_id = cb.id AND e.event = 'skipped'
                                  AND e.agent_call_sid = :agentCallSid AND e.happened_at > :skippedSince)
             ORDER BY cb.queue = :verifiedQueue DESC, cb.queued_since, cb.id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """)
    Optional<Due> nextDue(String agentCallSid, String verifiedQueue, Instant skippedSince, Instant now);

    @SqlUpdate
    @UseClasspathSqlLocator
    int offer(long id, String agentCallSid, Long agentId, Instant until, Instant now);

    /** The tier of the callback offered to this agent call, if it still is. */
    @SqlQuery("SELECT queue FROM callback_request WHERE claimed_by_call_sid = :agentCallSid AND state = 'offered'")
    Optional<String> offeredTo(String agentCallSid);

    /** The agent pressed nothing, or 2: the offer goes back to waiting, audited as {@code event}. */
    @SqlUpdate
    @UseClasspathSqlLocator
    int release(String agentCallSid, Long agentId, String event, Instant now);

    /** The agent pressed 1: the callback offered to this agent call is being called; one more attempt. */
    @SqlQuery
    @UseClasspathSqlLocator
    Optional<Placed> place(String agentCallSid, Long agentId, Instant nextAttemptAt, Instant expiresAt, Instant now);

    /** The attempt this agent call has placed and not yet heard back about (for a repeated "1"). */
    @SqlQuery("""
            SELECT a.id AS attempt_id, cb.id AS callback_id, cb.caller, cb.queue, cb.attempts
              FROM callback_request cb
              JOIN callback_attempt a ON a.callback_id = cb.id AND a.agent_call_sid = cb.claimed_by_call_sid
             WHERE cb.claimed_by_call_sid = :agentCallSid AND cb.state = 'calling' AND a.ended_at IS NULL
             ORDER BY a.id DESC
             LIMIT 1
            """)
    Optional<Placed> calling(String agentCallSid);

    /** The Number url: the customer's phone was answered (by someone or by voicemail). */
    @SqlUpdate("""
            UPDATE callback_attempt SET answered_at = COALESCE(answered_at, :now),
                   customer_call_sid = COALESCE(customer_call_sid, :customerCallSid)
             WHERE id = :attemptId
            """)
    int answered(long attemptId, String customerCallSid, Instant now);

    /** The customer pressed another key: this attempt did not reach them. */
    @SqlUpdate("""
            UPDATE callback_attempt SET result = 'declined', answered_at = COALESCE(answered_at, :now),
                   customer_call_sid = COALESCE(customer_call_sid, :customerCallSid)
             WHERE id = :attemptId AND reached_at IS NULL
            """)
    int declined(long attemptId, String customerCallSid, Instant now);

    /** The customer pressed 1: attempt and callback reached, their leg recorded and bridged; the request time on the first time only. */
    @SqlQuery
    @UseClasspathSqlLocator
    Optional<Instant> reached(long attemptId, String customerCallSid, Instant now);

    /** The attempt a Dial action reports on, with its callback, locked; only for the agent call that placed it. */
    @SqlQuery("""
            SELECT a.id, a.callback_id, a.agent_call_sid, a.agent_id, a.answered_at, a.reached_at, a.ended_at,
                   a.result, cb.state AS callback_state, cb.claimed_by_call_sid, cb.attempts
              FROM callback_attempt a JOIN callback_request cb ON cb.id = a.callback_id
             WHERE a.id = :attemptId AND a.agent_call_sid = :agentCallSid
               FOR UPDATE OF a, cb
            """)
    Optional<Attempt> lockAttempt(long attemptId, String agentCallSid);

    @SqlUpdate(
            "UPDATE callback_attempt SET ended_at = :now, result = :result WHERE id = :attemptId AND ended_at IS NULL")
    int endAttempt(long attemptId, String result, Instant now);

    /** An attempt ended unreached while this agent call held the callback: next try, or closed after the last. */
    @SqlUpdate("""
            UPDATE callback_request SET state = :state, last_result = :result,
                   closed_at = CASE WHEN :state = 'unreached' THEN CAST(:now AS timestamptz) END,
                   claimed_by_call_sid = NULL, claim_expires_at = NULL
             WHERE id = :id AND state = 'calling' AND claimed_by_call_sid = :agentCallSid
            """)
    int notReached(long id, String agentCallSid, String state, String result, Instant now);

    /** An agent closes an open callback from the console (handled another way, or cancelled). */
    @SqlUpdate
    @UseClasspathSqlLocator
    int close(long id, String state, String event, long agentId, Instant now);

    @SqlQuery("SELECT state FROM callback_request WHERE id = :id")
    Optional<String> stateOf(long id);
}
