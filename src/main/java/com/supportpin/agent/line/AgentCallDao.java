package com.supportpin.agent.line;

import com.supportpin.voice.Replayable;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
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
            Instant signedInAt, Instant idleSince, String dialledQueue, Instant dialledAt, String lastStep,
            byte[] lastInputHash, String lastResponse) implements Replayable {

        public boolean signedIn() {
            return signedInAt != null && agentId != null;
        }

        public AgentCall withCode(String code) {
            return change(next -> next.codeEntered = code);
        }

        public AgentCall withReprompt() {
            return change(next -> next.reprompts++);
        }

        /** A wrong sign-in: counted, and the code must be entered again. */
        public AgentCall withFailure() {
            return change(next -> {
                next.codeEntered = null;
                next.failures++;
            });
        }

        public AgentCall signedInAs(long agent, Instant at) {
            return change(next -> {
                next.reprompts = 0;
                next.agentId = agent;
                next.signedInAt = at;
                next.idleSince = null;
            });
        }

        public AgentCall idleFrom(Instant since) {
            return change(next -> next.idleSince = since);
        }

        /** The queue this call is now dialling and since when; nulls once that Dial is over. */
        public AgentCall dialling(String queue, Instant at) {
            return change(next -> {
                next.dialledQueue = queue;
                next.dialledAt = at;
            });
        }

        public AgentCall answered(String step, byte[] inputHash, String response) {
            return change(next -> {
                next.lastStep = step;
                next.lastInputHash = inputHash;
                next.lastResponse = response;
            });
        }

        /** A copy with the fields {@code edit} names changed; only {@link Draft} copies by position. */
        private AgentCall change(Consumer<Draft> edit) {
            var draft = new Draft(this);
            edit.accept(draft);
            return draft.build();
        }

        /** The changeable fields of an agent call row, while a step decides its next state. */
        private static final class Draft {
            private final String callSid;
            private final String caller;
            private String codeEntered;
            private int failures;
            private int reprompts;
            private Long agentId;
            private Instant signedInAt;
            private Instant idleSince;
            private String dialledQueue;
            private Instant dialledAt;
            private String lastStep;
            private byte[] lastInputHash;
            private String lastResponse;

            Draft(AgentCall from) {
                callSid = from.callSid;
                caller = from.caller;
                codeEntered = from.codeEntered;
                failures = from.failures;
                reprompts = from.reprompts;
                agentId = from.agentId;
                signedInAt = from.signedInAt;
                idleSince = from.idleSince;
                dialledQueue = from.dialledQueue;
                dialledAt = from.dialledAt;
                lastStep = from.lastStep;
                lastInputHash = from.lastInputHash;
                lastResponse = from.lastResponse;
            }

            AgentCall build() {
                return new AgentCall(callSid, caller, codeEntered, failures, reprompts, agentId, signedInAt, idleSince,
                        dialledQueue, dialledAt, lastStep, lastInputHash, lastResponse);
            }
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
    AgentCall lockOrCreate(@Bind("callSid") String callSid, @Bind("caller") String caller, @Bind("now") Instant now);

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
    Optional<AgentCall> find(@Bind("callSid") String callSid);

    @SqlUpdate("""
            UPDATE agent_call SET ended_at = :now, updated_at = :now WHERE call_sid = :callSid AND ended_at IS NULL
            """)
    int ended(@Bind("callSid") String callSid, @Bind("now") Instant now);
}
