package com.supportpin.agent.console;

/** The agent console's pages, JSON API and assets (agents only; its own sign-in and cookie). */
public final class ConsolePaths {

    public static final String AGENT_CONSOLE = "/agent";
    public static final String AGENT_SIGN_IN = AGENT_CONSOLE + "/sign-in";
    public static final String AGENT_SIGN_OUT = AGENT_CONSOLE + "/sign-out";
    public static final String AGENT_VERIFY = AGENT_CONSOLE + "/verify";
    /** An open callback's actions: {@code /agent/callbacks/<id>/handled} and {@code …/cancel}. */
    public static final String AGENT_CALLBACKS = AGENT_CONSOLE + "/callbacks";

    public static final String AGENT_CONSOLE_SCRIPT = "/static/agent-console.js";
    public static final String AGENT_CONSOLE_STYLESHEET = "/static/agent-console.css";

    public static final String API_AGENT_SESSION = "/api/agent/session";
    public static final String API_AGENT_QUEUE = "/api/agent/queue";
    public static final String API_AGENT_CURRENT_CALL = "/api/agent/calls/current";
    public static final String API_AGENT_VERIFY = "/api/agent/verify";
    public static final String API_AGENT_CALLBACKS = "/api/agent/callbacks";
    /** Under {@link #AGENT_CALLBACKS} and {@link #API_AGENT_CALLBACKS}: close one callback. */
    public static final String CALLBACK_HANDLED = "/:id/handled";

    public static final String CALLBACK_CANCEL = "/:id/cancel";

    private ConsolePaths() {}
}
