package com.supportpin.support;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** The rows the app keeps about a call, read back for assertions (column names as keys). */
public final class Records {

    private final Supplier<Jdbi> jdbi;

    /** Reads the database of {@code server}, once it is started. */
    public Records(TestServer server) {
        this.jdbi = server::jdbi;
    }

    /** The call's row in {@code call}. */
    public Map<String, Object> call(String callSid) {
        return one("SELECT * FROM call WHERE call_sid = :sid", callSid);
    }

    /** The caller's row in {@code queue_member}. */
    public Map<String, Object> queueMember(String callSid) {
        return one("SELECT * FROM queue_member WHERE call_sid = :sid", callSid);
    }

    /** The caller's row in {@code callback_request}. */
    public Map<String, Object> callbackRequest(String callSid) {
        return one("SELECT * FROM callback_request WHERE call_sid = :sid", callSid);
    }

    /** The bridge of a waiting caller to an agent call, in {@code call_bridge}. */
    public Map<String, Object> bridge(String callerCallSid) {
        return one("SELECT * FROM call_bridge WHERE caller_call_sid = :sid", callerCallSid);
    }

    /** The agent's call to the agent line, in {@code agent_call}. */
    public Map<String, Object> agentCall(String callSid) {
        return one("SELECT * FROM agent_call WHERE call_sid = :sid", callSid);
    }

    /** The call's verification attempts, oldest first. */
    public List<Map<String, Object>> attempts(String callSid) {
        return jdbi.get()
                .withHandle(handle -> handle.createQuery(
                                "SELECT * FROM verification_attempt WHERE call_sid = :sid ORDER BY id")
                        .bind("sid", callSid)
                        .mapToMap()
                        .list());
    }

    private Map<String, Object> one(String sql, String callSid) {
        return jdbi.get()
                .withHandle(handle ->
                        handle.createQuery(sql).bind("sid", callSid).mapToMap().one());
    }
}
