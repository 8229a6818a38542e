package com.supportpin.voice;

/** The support line's webhook paths, used both to register the routes and in every TwiML action and URL. */
public final class VoicePaths {

    /** Everything under it is Twilio's: signature-checked, answered with TwiML, no browser headers. */
    public static final String VOICE = "/voice";

    public static final String VOICE_INCOMING = VOICE + "/incoming";
    public static final String VOICE_ACCOUNT = VOICE + "/account";
    public static final String VOICE_PIN = VOICE + "/pin";
    public static final String VOICE_HOLD = VOICE + "/hold";
    public static final String VOICE_HOLD_CALLBACK = VOICE_HOLD + "/callback";
    public static final String VOICE_QUEUE_EXIT = VOICE + "/queue-exit";
    public static final String VOICE_STATUS = VOICE + "/status";

    private VoicePaths() {}
}
