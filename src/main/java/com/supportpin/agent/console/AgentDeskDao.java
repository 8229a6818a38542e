package com.supportpin.agent.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the agent console reads: waiting callers and the caller bridged to an agent. */
@RegisterConstructorMapper(AgentDeskDao.WaitingCaller.class)
@RegisterConstructorMapper(AgentDeskDao.ConnectedCall.class)
public interface AgentDeskDao {

    /** A caller waiting in a queue; contact and account only when the system verified them. */
    record WaitingCaller(
            String callSid,
            String queue,
            Instant enteredAt,
            Instant verifiedAt,
            String verifiedBy,
            String contactName,
            String accountNumber) {}

    /** The caller bridged to an agent (by DequeingCallSid or a callback answered with 1) and how they were verified. */
    record ConnectedCall(
            String callSid,
            String caller,
            Instant bridgedAt,
            Instant verifiedAt,
            String verifiedBy,
            String verifiedByAgentName,
            String contactName,
            String accountNumber,
            Long callbackId,
            Instant originalVerifiedAt,
            String originalContactName,
            String originalAccountNumber) {}

    /** The callers waiting in the queues, those in {@code verifiedQueue} first (at most 200). */
    @SqlQuery("""
            SELECT m.call_sid, m.queue, m.entered_at, c.verified_at, c.verified_by, ct.name AS contact_name,
                   a.account_number
              FROM queue_member m
              LEFT JOIN call c ON c.call_sid = m.call_sid
              LEFT JOIN contact ct ON ct.id = c.contact_id AND c.verified_at IS NOT NULL
              LEFT JOIN account a ON a.id = c.account_id AND c.verified_at IS NOT NULL
             WHERE m.left_at IS NULL AND m.last_seen_at > :freshSince
             ORDER BY (m.queue = :verifiedQueue) DESC, m.entered_at, m.call_sid
             LIMIT 200
            """)
    List<WaitingCaller> waiting(String verifiedQueue, Instant freshSince);

    /** All waiting callers, so the console says how many the list leaves out. */
    @SqlQuery("SELECT count(*) FROM queue_member WHERE left_at IS NULL AND last_seen_at > :freshSince")
    long countWaiting(Instant freshSince);

    /** The caller now bridged to this agent: the latest bridge of theirs that has not ended. */
    @SqlQuery("""
            SELECT b.caller_call_sid AS call_sid, c.caller, b.bridged_at, c.verified_at, c.verified_by,
                   va.name AS verified_by_agent_name, ct.name AS contact_name, a.account_number,
                   b.callback_id, cb.verified_at AS original_verified_at, oct.name AS original_contact_name,
                   oa.account_number AS original_account_number
              FROM call_bridge b
              LEFT JOIN call c ON c.call_sid = b.caller_call_sid
              LEFT JOIN agent va ON va.id = c.verified_by_agent
              LEFT JOIN contact ct ON ct.id = c.contact_id AND c.verified_at IS NOT NULL
              LEFT JOIN account a ON a.id = c.account_id AND c.verified_at IS NOT NULL
              LEFT JOIN callback_request cb ON cb.id = b.callback_id
              LEFT JOIN contact oct ON oct.id = cb.contact_id AND cb.verified_at IS NOT NULL
              LEFT JOIN account oa ON oa.id = cb.account_id AND cb.verified_at IS NOT NULL
             WHERE b.agent_id = :agentId AND b.ended_at IS NULL
             ORDER BY b.bridged_at DESC LIMIT 1
            """)
    Optional<ConnectedCall> connectedTo(long agentId);

    /** Locks the call row of the caller bridged to this agent, so two verifications of one call serialise. */
    @SqlQuery("""
            SELECT c.call_sid FROM call c
             WHERE c.call_sid = (SELECT b.caller_call_sid FROM call_bridge b
                                  WHERE b.agent_id = :agentId AND b.ended_at IS NULL
                                  ORDER BY b.bridged_at DESC LIMIT 1)
               FOR UPDATE OF c
            """)
    Optional<String> lockConnectedCall(long agentId);

    @SqlQuery("SELECT verified_at IS NOT NULL FROM call WHERE call_sid = :callSid")
    boolean isVerified(String callSid);

    @SqlQuery("SELECT caller FROM call WHERE call_sid = :callSid")
    Optional<String> callerOf(String callSid);

    @SqlUpdate("""
            UPDATE call SET account_id = :accountId, contact_id = :contactId, verified_at = :now,
                   verified_by = 'agent', verified_by_agent = :agentId, updated_at = :now
             WHERE call_sid = :callSid AND verified_at IS NULL
            """)
    int verifiedByAgent(String callSid, long accountId, long contactId, long agentId, Instant now);
}
