package com.supportpin.retention;

/** Every kind of record the purge removes, with the fixed SQL condition that says a row no longer matters. */
public enum PurgeKind {
    /** Calls and their answers: RETENTION_CALLS after the call started. */
    CALL("call", "started_at < :callsBefore"),
    AGENT_CALL("agent_call", "started_at < :callsBefore"),
    QUEUE_MEMBER("queue_member", "entered_at < :callsBefore"),
    CALL_BRIDGE("call_bridge", "bridged_at < :callsBefore"),
    /** A callback, with its attempts (ON DELETE CASCADE); its audit (callback_event) is kept longer. */
    CALLBACK_REQUEST("callback_request", "requested_at < :callsBefore"),
    /** The audit of PIN checks (the phone line's and agents' own at the console): RETENTION_AUDIT. */
    VERIFICATION_ATTEMPT("verification_attempt", "attempted_at < :auditBefore"),
    /** The audit of the account center's API calls (by key name): as long as the verification audit. */
    API_CALL("api_call", "called_at < :auditBefore"),
    /** Account center sign-ins that never came back (they expire after 10 minutes, well within this). */
    OIDC_LOGIN("oidc_login", "created_at <= :sessionIdleBefore"),
    /** API call counters of minutes long past (the rate limit reads only the current minute). */
    API_RATE("api_rate", "window_start <= :sessionIdleBefore"),
    /** Every change to a callback, with the agent who made it: RETENTION_AUDIT. */
    CALLBACK_EVENT("callback_event", "happened_at < :auditBefore"),
    /** Sessions past their idle or absolute limit sign nobody in. */
    WEB_SESSION("web_session", "last_seen_at <= :sessionIdleBefore OR created_at <= :sessionAbsoluteBefore"),
    AGENT_SESSION(
            "agent_session", "last_seen_at <= :agentSessionIdleBefore OR created_at <= :agentSessionAbsoluteBefore"),
    /** Used, revoked and expired PINs, a day after they expired (the customer's page shows their state that day). */
    SUPPORT_PIN("support_pin", "expires_at < :pinEndedBefore"),
    /** Failed sign-ins that have left the throttle's window. */
    SIGN_IN_FAILURE("sign_in_failure", "failed_at <= :signInFailuresBefore"),
    /** Guess caps with nothing left to remember: no lock in force, and no failures or only forgotten ones. */
    PIN_GUARD(
            "pin_guard",
            "(locked_until IS NULL OR locked_until <= :now)"
                    + " AND (failed_attempts = 0 OR last_failed_at < :guardFailuresBefore)"),
    /** The agent line's count starts afresh once a lock has run out, so such a row is as good as none. */
    AGENT_GUARD(
            "agent_guard",
            "locked_until <= :now"
                    + " OR (locked_until IS NULL AND (failed_attempts = 0 OR last_failed_at < :guardFailuresBefore))");

    private final String table;
    private final String condition;

    PurgeKind(String table, String condition) {
        this.table = table;
        this.condition = condition;
    }

    /** The table, which is also the metric label and the name the CLI prints. */
    public String table() {
        return table;
    }

    String condition() {
        return condition;
    }
}
