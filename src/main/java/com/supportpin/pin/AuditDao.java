package com.supportpin.pin;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Every verification attempt, for operators. The PIN digits are never part of it. */
@RegisterConstructorMapper(AuditDao.Attempt.class)
public interface AuditDao {

    record Attempt(
            Instant attemptedAt,
            String callSid,
            String caller,
            String accountEntered,
            String outcome,
            String channel) {}

    /** One attempt; {@code agentId} is null unless an agent checked the PIN. */
    @SqlUpdate("""
            INSERT INTO verification_attempt
                   (call_sid, caller, account_entered, outcome, channel, attempted_at, agent_id)
            VALUES (:callSid, :caller, :accountEntered, :outcome, :channel, :now, :agentId)
            """)
    void record(
            String callSid,
            String caller,
            String accountEntered,
            String outcome,
            String channel,
            Long agentId,
            Instant now);

    @SqlQuery("""
            SELECT attempted_at, call_sid, caller, account_entered, outcome, channel FROM verification_attempt
             WHERE account_entered = :accountNumber AND attempted_at >= :since
             ORDER BY attempted_at, id
            """)
    List<Attempt> forAccount(String accountNumber, Instant since);

    /** How a call ended, from its record: verification, queue, Twilio's last status, and the PIN it used. */
    record CallEnd(
            String callSid,
            String verifiedBy,
            String unverifiedReason,
            String queue,
            String queueResult,
            Integer queueTimeS,
            String finalStatus,
            Instant pinUsedAt) {}

    /** The calls behind an account's verification attempts; an interface of its own, off the hot path's. */
    @RegisterConstructorMapper(CallEnd.class)
    interface CallEnds {
        @SqlQuery
        @UseClasspathSqlLocator
        List<CallEnd> forAccount(String accountNumber, Instant since);
    }
}
