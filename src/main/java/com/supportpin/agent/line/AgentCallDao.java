package com.supportpin.agent.line;

import com.supportpin.voice.Replayable;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** An agent's own call to the agent line, one row per CallSid: the sign-in state every instance reads. */
@RegisterConstructorMapper(AgentCallDao.AgentCall.class)
public interface AgentCallDao {

    /** Where an agent call stands. Holds no passcode, only a keyed fingerprint of the last input. */
    @RecordBuilder
    record AgentCall(
            String callSid,
            String caller,
            String codeEntered,
            int failures,
            int reprompts,
            Long agentId,
            Instant signedInAt,
            Instant idleSince,
            String dialledQueue,
            Instant dialledAt,
            String lastStep,
            byte[] lastInputHash,
            String lastResponse)
            implements Replayable, AgentCallDaoAgentCallBuilder.With {

        public boolean signedIn() {
            return signedInAt != null && agentId != null;
        }

        public AgentCall withCode(String code) {
            return withCodeEntered(code);
        }

        public AgentCall withReprompt() {
            return withReprompts(reprompts + 1);
        }

        /** A wrong sign-in: counted, and the code must be entered again. */
        public AgentCall withFailure() {
            return with(next -> next.codeEntered(null).failures(failures + 1));
        }

        public AgentCall signedInAs(long agent, Instant at) {
            return with(next -> next.reprompts(0).agentId(agent).signedInAt(at).idleSince(null));
        }

        public AgentCall idleFrom(Instant since) {
            return withIdleSince(since);
        }

        /** The queue this call is now dialling and since when; nulls once that Dial is over. */
        public AgentCall dialling(String queue, Instant at) {
            return with(next -> next.dialledQueue(queue).dialledAt(at));
        }

        public AgentCall answered(String step, byte[] inputHash, String response) {
            return with(next -> next.lastStep(step).lastInputHash(inputHash).lastResponse(response));
        }

        @Override
        public String toString() {
            return "AgentCall[callSid=" + callSid + ", agentId=" + agentId + ", failures=" + failures + "]";
        }
    }

    /** Creates the call's row if new and locks it for the rest of the transaction. */
    @SqlQuery("""
            INSERT INTO agent_call (call_sid, caller, started_at, updated_at) VALUES (:callSid, :caller, :now, :now)
            ON CONFLICT (call_sid) DO UPDATE SET updated_at = EXCLUDED.updated_at
            RETURNING call_sid, caller, code_entered, failures, reprompts, agent_id, signed_in_at, idle_since,
                      dialled_queue, dialled_at, last_step, last_input_hash, last_response
            """)
    AgentCall lockOrCreate(String callSid, String caller, Instant now);

    @SqlUpdate("""
            UPDATE agent_call SET code_entered = :codeEntered, failures = :failures, reprompts = :reprompts,
                   agent_id = :agentId, signed_in_at = :signedInAt, idle_since = :idleSince,
                   dialled_queue = :dialledQueue, dialled_at = :dialledAt, last_step = :lastStep,
                   last_input_hash = :lastInputHash, last_response = :lastResponse
             WHERE call_sid = :callSid
            """)
    void save(@BindMethods AgentCall call);

    @SqlQuery("""
            SELECT call_sid, caller, code_entered, failures, reprompts, agent_id, signed_in_at, idle_since,
                   dialled_queue, dialled_at, last_step, last_input_hash, last_response
              FROM agent_call WHERE call_sid = :callSid
            """)
    Optional<AgentCall> find(String callSid);

    @SqlUpdate("""
            UPDATE agent_call SET ended_at = :now, updated_at = :now WHERE call_sid = :callSid AND ended_at IS NULL
            """)
    int ended(String callSid, Instant now);
}
