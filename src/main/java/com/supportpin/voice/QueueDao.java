package com.supportpin.voice;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The app's own records of its queues: who waits where (from the Enqueue it answered, waitUrl requests,
 * the Enqueue action and status callbacks), which agent call got which caller, and callback requests.
 * Twilio's queues are never asked: these rows, keyed by CallSid, are the truth any instance reads.
 */
public interface QueueDao {

    /** How an Enqueue answer updates an existing record: waiting from now, again if the caller had left. */
    String ENQUEUED_CONFLICT = """
            ON CONFLICT (call_sid) DO UPDATE SET
                queue = EXCLUDED.queue,
                entered_at = CASE WHEN queue_member.left_at IS NULL THEN queue_member.entered_at
                                  ELSE EXCLUDED.entered_at END,
                last_seen_at = EXCLUDED.last_seen_at, left_at = NULL, left_result = NULL
            """;

    /** The caller was answered with an Enqueue: waiting from now (again, if they had left). */
    @SqlUpdate("INSERT INTO queue_member (call_sid, queue, entered_at, last_seen_at) VALUES (:callSid, :queue, :now, :now) "
            + ENQUEUED_CONFLICT)
    void enqueued(@Bind("callSid") String callSid, @Bind("queue") String queue, @Bind("now") Instant now);

    /**
     * The hold step's one statement, in an interface of its own (see {@link CallDao.Opening}): a waitUrl
     * request says the caller is still waiting. Creates the record when the Enqueue was answered without
     * one (the database was down then), taking the queue from the call record when known.
     */
    interface Waiting {
        @SqlUpdate("""
                INSERT INTO queue_member (call_sid, queue, queue_sid, entered_at, last_seen_at, position)
                VALUES (:callSid,
                        COALESCE((SELECT queue FROM call WHERE call_sid = :callSid), :fallbackQueue),
                        :queueSid, :enteredAt, :now, :position)
                ON CONFLICT (call_sid) DO UPDATE SET
                    queue_sid = COALESCE(EXCLUDED.queue_sid, queue_member.queue_sid),
                    last_seen_at = EXCLUDED.last_seen_at, position = EXCLUDED.position
                 WHERE queue_member.left_at IS NULL
                """)
        void stillWaiting(@Bind("callSid") String callSid, @Bind("fallbackQueue") String fallbackQueue,
                @Bind("queueSid") String queueSid, @Bind("position") Integer position,
                @Bind("enteredAt") Instant enteredAt, @Bind("now") Instant now);
    }


    /**
     * Of {@code first} and {@code then}, the first queue where a caller waits, counting only records a
     * webhook refreshed since {@code freshSince}; empty when nobody waits in either. One look-up for both.
     */
    @SqlQuery("""
            SELECT queue FROM queue_member
             WHERE queue IN (:first, :then) AND left_at IS NULL AND last_seen_at > :freshSince
             ORDER BY queue = :first DESC
             LIMIT 1
            """)
    Optional<String> firstWaiting(@Bind("first") String first, @Bind("then") String then,
            @Bind("freshSince") Instant freshSince);


    /** The caller left the queue (bridged, hung up, left for a callback, ...); the first reason stays. */
    String LEFT = """
            UPDATE queue_member SET left_at = :now, left_result = :result
             WHERE call_sid = :callSid AND left_at IS NULL
            """;

    /** The bridge of a caller, or of an agent call, is over. */
    String BRIDGE_ENDED = """
            UPDATE call_bridge SET ended_at = :now
             WHERE (caller_call_sid = :callSid OR agent_call_sid = :callSid) AND ended_at IS NULL
            """;

    @SqlUpdate(BRIDGE_ENDED)
    int bridgeEnded(@Bind("callSid") String callSid, @Bind("now") Instant now);

    /**
     * The Enqueue action's one statement (see {@link CallDao.Opening} on interfaces of their own): the
     * call's queue result and time, the caller's queue record closed ({@link #LEFT}), the caller's bridge
     * closed unless it is only starting ({@code bridgeOver}); true when the caller had asked for a callback.
     */
    interface Exit {
        @SqlQuery("WITH exited AS (" + CallDao.RECORD_QUEUE_EXIT + "), left_queue AS (" + LEFT + "), ended AS ("
                + BRIDGE_ENDED + " AND :bridgeOver) "
                + "SELECT EXISTS (SELECT 1 FROM callback_request WHERE call_sid = :callSid)")
        boolean exited(@Bind("callSid") String callSid, @Bind("result") String result,
                @Bind("queueTime") Integer queueTimeSeconds, @Bind("bridgeOver") boolean bridgeOver,
                @Bind("now") Instant now);
    }

    /**
     * The Queue url's one statement: the caller's queue record closed as bridged ({@link #LEFT}) and, when
     * Twilio named the agent call, which agent call (and signed-in agent) got the caller; a retried
     * request keeps the first record. Returns the agent the bridge names, empty when none is known.
     */
    interface Connect {
        @SqlQuery("WITH left_queue AS (" + LEFT + "), bridged AS ("
                + """
                INSERT INTO call_bridge (caller_call_sid, agent_call_sid, agent_id, bridged_at)
                SELECT :callSid, CAST(:agentCallSid AS text),
                       (SELECT agent_id FROM agent_call WHERE call_sid = :agentCallSid AND signed_in_at IS NOT NULL),
                       :now
                 WHERE :agentCallSid IS NOT NULL
                ON CONFLICT (caller_call_sid) DO UPDATE SET
                    agent_call_sid = EXCLUDED.agent_call_sid, agent_id = EXCLUDED.agent_id,
                    bridged_at = EXCLUDED.bridged_at, ended_at = NULL
                 WHERE call_bridge.agent_call_sid <> EXCLUDED.agent_call_sid
                RETURNING agent_id
                """ + ") SELECT COALESCE((SELECT agent_id FROM bridged),"
                + " (SELECT agent_id FROM call_bridge WHERE caller_call_sid = :callSid))")
        Optional<Long> connected(@Bind("callSid") String callSid, @Bind("agentCallSid") String agentCallSid,
                @Bind("result") String result, @Bind("now") Instant now);
    }


    /** Records a callback request once per call; true when this request created it. */
    @SqlUpdate("""
            INSERT INTO callback_request (call_sid, caller, queue, requested_at)
            VALUES (:callSid, :caller, (SELECT queue FROM queue_member WHERE call_sid = :callSid), :now)
            ON CONFLICT (call_sid) DO NOTHING
            """)
    int requestCallback(@Bind("callSid") String callSid, @Bind("caller") String caller, @Bind("now") Instant now);

}
