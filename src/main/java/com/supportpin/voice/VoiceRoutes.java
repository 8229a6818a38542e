package com.supportpin.voice;

import static com.supportpin.voice.VoicePaths.VOICE;
import static com.supportpin.voice.VoicePaths.VOICE_ACCOUNT;
import static com.supportpin.voice.VoicePaths.VOICE_HOLD;
import static com.supportpin.voice.VoicePaths.VOICE_HOLD_CALLBACK;
import static com.supportpin.voice.VoicePaths.VOICE_INCOMING;
import static com.supportpin.voice.VoicePaths.VOICE_PIN;
import static com.supportpin.voice.VoicePaths.VOICE_QUEUE_EXIT;
import static com.supportpin.voice.VoicePaths.VOICE_STATUS;

import java.util.Map;
import spark.Service;

/** The support line's routes: the signature check on every /voice path, then each step at its path. */
public final class VoiceRoutes {

    /** The support line's steps. */
    public record Steps(
            VoiceStep incoming,
            VoiceStep account,
            VoiceStep pin,
            VoiceStep hold,
            VoiceStep holdCallback,
            VoiceStep queueExit,
            VoiceStep status) {

        Map<String, VoiceStep> byPath() {
            return Map.of(
                    VOICE_INCOMING,
                    incoming,
                    VOICE_ACCOUNT,
                    account,
                    VOICE_PIN,
                    pin,
                    VOICE_HOLD,
                    hold,
                    VOICE_HOLD_CALLBACK,
                    holdCallback,
                    VOICE_QUEUE_EXIT,
                    queueExit,
                    VOICE_STATUS,
                    status);
        }
    }

    private final TwilioSignatureFilter signatures;
    private final VoiceWebhooks webhooks;
    private final Steps steps;

    public VoiceRoutes(TwilioSignatureFilter signatures, VoiceWebhooks webhooks, Steps steps) {
        this.signatures = signatures;
        this.webhooks = webhooks;
        this.steps = steps;
    }

    /** Mounts the signature check for everything under /voice (the agent line's paths too) and the steps. */
    public void mount(Service http) {
        http.before(VOICE + "/*", signatures::check);
        steps.byPath().forEach((path, step) -> http.post(path, webhooks.route(step)));
    }

    /** Whether Twilio, not a browser, is the client of this path. */
    public static boolean isVoicePath(String path) {
        return path != null && (path.equals(VOICE) || path.startsWith(VOICE + "/"));
    }
}
