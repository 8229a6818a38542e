package com.supportpin.agent.line;

/** The agent line's webhook paths: a second Twilio number whose voice URL is {@link #VOICE_AGENT}. */
public final class AgentLinePaths {

    public static final String VOICE_AGENT = "/voice/agent";
    public static final String VOICE_AGENT_CODE = VOICE_AGENT + "/code";
    public static final String VOICE_AGENT_PASSCODE = VOICE_AGENT + "/passcode";
    public static final String VOICE_AGENT_NEXT = VOICE_AGENT + "/next";
    public static final String VOICE_AGENT_DIAL_END = VOICE_AGENT + "/dial-end";
    public static final String VOICE_AGENT_STATUS = VOICE_AGENT + "/status";
    /** A callback offered to the agent: its Gather's action, and the action of the Dial that places it. */
    public static final String VOICE_AGENT_CALLBACK = VOICE_AGENT + "/callback";

    public static final String VOICE_AGENT_CALLBACK_DIAL_END = VOICE_AGENT_CALLBACK + "/dial-end";
    /** The Queue url of an agent's Dial: runs on the caller's leg just before the bridge. */
    public static final String VOICE_QUEUE_CONNECT = "/voice/connect";

    private AgentLinePaths() {}
}
