package com.supportpin.callback;

/** The paths of a callback's customer leg (Number url and its Gather action), with the attempt in the query. */
public final class CallbackPaths {

    public static final String VOICE_CALLBACK_ANSWER = "/voice/callback/answer";
    public static final String VOICE_CALLBACK_PRESS = "/voice/callback/press";
    /** The query parameter naming the attempt (signed with the URL; an id, not a secret). */
    public static final String ATTEMPT = "attempt";

    private CallbackPaths() {}

    public static String answer(long attemptId) {
        return VOICE_CALLBACK_ANSWER + "?" + ATTEMPT + "=" + attemptId;
    }

    public static String press(long attemptId) {
        return VOICE_CALLBACK_PRESS + "?" + ATTEMPT + "=" + attemptId;
    }
}
