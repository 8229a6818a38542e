package com.supportpin.callback;

/**
 * The webhook paths of the customer's leg of a callback: the Number url of the agent's Dial, and the
 * action of its "press 1" Gather. Both carry the attempt's id in the query ({@link #ATTEMPT}).
 */
public final class CallbackPaths {

    public static final String VOICE_CALLBACK_ANSWER = "/voice/callback/answer";
    public static final String VOICE_CALLBACK_PRESS = "/voice/callback/press";
    /** The query parameter naming the attempt (signed with the URL; an id, not a secret). */
    public static final String ATTEMPT = "attempt";

    private CallbackPaths() {
    }

    public static String answer(long attemptId) {
        return VOICE_CALLBACK_ANSWER + "?" + ATTEMPT + "=" + attemptId;
    }

    public static String press(long attemptId) {
        return VOICE_CALLBACK_PRESS + "?" + ATTEMPT + "=" + attemptId;
    }
}
