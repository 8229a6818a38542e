package com.supportpin.voice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The app's own records of its queues, keyed by CallSid: Twilio's queues are never asked. */
public interface QueueDao {

    /** The caller was answered with an Enqueue: waiting from now (again, if they had left). */
    @SqlUpdate
    @UseClasspathSqlLocator
    void enqueued(String callSid, String queue, Instant now);

    /** A waitUrl request: the caller still waits; asynchronous commit (README, "Durability"). */
    interface Waiting {
        @SqlUpdate
        @UseClasspathSqlLocator
        void stillWaiting(String callSid, String fallbackQueue, Instant enteredAt, Instant now);
    }

    /** The caller at the head of a queue, by the app's records: the queue and when they joined it. */
    record Head(String queue, Instant since) {}

    /** When each queue's longest-waiting caller joined, counting only records refreshed since {@code freshSince}. */
    @SqlQuery("""
            SELECT queue, min(entered_at) AS since FROM queue_member
             WHERE queue IN (:first, :then) AND left_at IS NULL AND last_seen_at > :freshSince
             GROUP BY queue
            """)
    @RegisterConstructorMapper(Head.class)
    List<Head> heads(String first, String then, Instant freshSince);

    /** An agent's Dial of {@code queue} bridged nobody: records no webhook refreshed since it began are closed as gone. */
    @SqlUpdate("""
            UPDATE queue_member SET left_at = :now, left_result = 'gone'
             WHERE queue = :queue AND left_at IS NULL AND last_seen_at < :dialledAt
            """)
    int closeGone(String queue, Instant dialledAt, Instant now);

    /** Whether a Queue url named this agent call as dequeuer during its current Dial: that Dial bridged. */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM call_bridge
                            WHERE agent_call_sid = :agentCallSid AND bridged_at >= :since AND ended_at IS NULL)
            """)
    boolean bridgedSince(String agentCallSid, Instant since);

    /** The bridge of a caller, or of an agent call, is over. */
    @SqlUpdate("""
            UPDATE call_bridge SET ended_at = :now
             WHERE (caller_call_sid = :callSid OR agent_call_sid = :callSid) AND ended_at IS NULL
            """)
    int bridgeEnded(String callSid, Instant now);

    /** The Enqueue action's one statement: queue result and time, queue record and bridge closed; true on a callback. */
    @UseClasspathSqlLocator
    interface Exit {
        @SqlQuery
        boolean exited(
                String callSid,
                String result,
                @Bind("queueTime") Integer queueTimeSeconds,
                boolean bridgeOver,
                Instant now);
    }

    /** The Queue url's one statement: queue record closed as bridged, the bridge recorded; the agent it names. */
    @UseClasspathSqlLocator
    interface Connect {
        @SqlQuery
        Optional<Long> connected(String callSid, String agentCallSid, String result, Instant now);
    }
}
