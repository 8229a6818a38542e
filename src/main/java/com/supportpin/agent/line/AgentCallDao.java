package com.supportpin.agent.line;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** An agent's own call to the agent line, one row per CallSid: the sign-in state every instance reads. */
@RegisterConstructorMapper(AgentCallDao.AgentCall.class)
public interface AgentCallDao {

    /** Where an agent call stands. Holds no passcode, only a keyed fingerprint of the last input. */
    record AgentCall(String callSid, String caller, String codeEntered, int failures, int reprompts, Long agentId,
            Instant signedInAt, Instant idleSince, String lastStep, byte[] lastInputHash, String lastResponse) {

        public boolean signedIn() {
            return signedInAt != null && agentId != null;
        }

        public AgentCall withCode(String code) {
            return new AgentCall(callSid, caller, code, failures, reprompts, agentId, signedInAt, idleSince,
                    lastStep, lastInputHash, lastResponse);
        }

        public AgentCall withReprompt() {
            return new AgentCall(callSid, caller, codeEntered, failures, reprompts + 1, agentId, signedInAt,
                    idleSince, lastStep, lastInputHash, lastResponse);
        }

        public AgentCall withFailure() {
            return new AgentCall(callSid, caller, null, failures + 1, reprompts, agentId, signedInAt, idleSince,
                    lastStep, lastInputHash, lastResponse);
        }

        public AgentCall signedInAs(long agent, Instant at) {
            return new AgentCall(callSid, caller, codeEntered, failures, 0, agent, at, null, lastStep,
                    lastInputHash, lastResponse);
        }

        public AgentCall idleFrom(Instant since) {
            return new AgentCall(callSid, caller, codeEntered, failures, reprompts, agentId, signedInAt, since,
                    lastStep, lastInputHash, lastResponse);
        }

        public AgentCall answered(String step, byte[] inputHash, String response) {
            return new AgentCall(callSid, caller, codeEntered, failures, reprompts, agentId, signedInAt, idleSince,
                    step, inputHash, response);
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
                      last_step, last_input_hash, last_response
            """)
    AgentCall lockOrCreate(@Bind("callSid") String callSid, @Bind("caller") String caller, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE agent_call SET code_entered = :codeEntered, failures = :failures, reprompts = :reprompts,
                   agent_id = :agentId, signed_in_at = :signedInAt, idle_since = :idleSince, last_step = :lastStep,
                   last_input_hash = :lastInputHash, last_response = :lastResponse
             WHERE call_sid = :callSid
            """)
    void save(@BindMethods AgentCall call);

    @SqlQuery("""
            SELECT call_sid, caller, code_entered, failures, reprompts, agent_id, signed_in_at, idle_since,
                   last_step, last_input_hash, last_response
              FROM agent_call WHERE call_sid = :callSid
            """)
    Optional<AgentCall> find(@Bind("callSid") String callSid);

    @SqlUpdate("""
            UPDATE agent_call SET ended_at = :now, updated_at = :now WHERE call_sid = :callSid AND ended_at IS NULL
            """)
    int ended(@Bind("callSid") String callSid, @Bind("now") Instant now);
}
