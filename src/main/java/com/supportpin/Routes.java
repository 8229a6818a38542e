package com.supportpin;

import com.supportpin.voice.TwilioSignatureFilter;
import com.supportpin.voice.VoiceStep;
import com.supportpin.voice.VoiceWebhooks;
import com.supportpin.web.Json;
import com.supportpin.web.PinApi;
import com.supportpin.web.SecurityHeaders;
import com.supportpin.web.SignInPage;
import com.supportpin.web.StaticAssets;
import com.supportpin.web.SupportPinPage;
import java.util.List;
import java.util.Map;
import spark.Service;

/** The route table: every path the service answers, as constants used both here and in TwiML and links. */
public final class Routes {

    public static final String HEALTH = "/health";

    public static final String VOICE = "/voice";
    public static final String VOICE_INCOMING = VOICE + "/incoming";
    public static final String VOICE_ACCOUNT = VOICE + "/account";
    public static final String VOICE_PIN = VOICE + "/pin";
    public static final String VOICE_HOLD = VOICE + "/hold";
    public static final String VOICE_QUEUE_EXIT = VOICE + "/queue-exit";
    public static final String VOICE_STATUS = VOICE + "/status";

    public static final String ROOT = "/";
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String SUPPORT_PIN = "/support-pin";
    public static final String STYLESHEET = "/static/app.css";
    public static final String SUPPORT_PIN_SCRIPT = "/static/support-pin.js";

    /** The pages a redirect may point at: only these, never a path taken from a request. */
    public static final List<String> PAGE_PATHS = List.of(ROOT, LOGIN, SUPPORT_PIN);

    /** Static files served by the app, URL path to the resource under classpath public/. */
    public static final Map<String, String> STATIC_FILES = Map.of(STYLESHEET, "app.css",
            SUPPORT_PIN_SCRIPT, "support-pin.js");

    public static final String API_SESSION = "/api/session";
    public static final String API_SUPPORT_PIN = "/api/support-pin";

    /** Largest request body accepted; Twilio's webhooks are a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The voice steps, keyed by the path Twilio posts to. */
    public record VoiceSteps(VoiceStep incoming, VoiceStep account, VoiceStep pin, VoiceStep hold,
            VoiceStep queueExit, VoiceStep status) {

        Map<String, VoiceStep> byPath() {
            return Map.of(VOICE_INCOMING, incoming, VOICE_ACCOUNT, account, VOICE_PIN, pin, VOICE_HOLD, hold,
                    VOICE_QUEUE_EXIT, queueExit, VOICE_STATUS, status);
        }
    }

    /** The customer web: sign-in, the Support PIN page and their static files. */
    public record WebPages(SignInPage signIn, SupportPinPage supportPin, StaticAssets assets) {
    }

    /** Every voice path, for tests that check each URL in emitted TwiML is a registered route. */
    public static final List<String> VOICE_PATHS = List.of(VOICE_INCOMING, VOICE_ACCOUNT, VOICE_PIN, VOICE_HOLD,
            VOICE_QUEUE_EXIT, VOICE_STATUS);

    private Routes() {
    }

    static void install(Service http, TwilioSignatureFilter signatures, VoiceWebhooks webhooks, VoiceSteps steps,
            PinApi pinApi, WebPages web, SecurityHeaders securityHeaders, java.util.function.BooleanSupplier healthy) {
        http.before((request, response) -> {
            long length = request.contentLength();
            if (length > MAX_BODY_BYTES) {
                http.halt(413, "request body too large");
            }
        });
        http.before(VOICE + "/*", signatures::check);
        steps.byPath().forEach((path, step) -> http.post(path, webhooks.route(step)));

        http.get(ROOT, web.signIn()::root);
        http.get(LOGIN, web.signIn()::show);
        http.post(LOGIN, web.signIn()::submit);
        http.post(LOGOUT, web.signIn()::signOut);
        http.get(SUPPORT_PIN, web.supportPin()::show);
        http.post(SUPPORT_PIN, web.supportPin()::generate);
        STATIC_FILES.keySet().forEach(path -> http.get(path, web.assets()::serve));

        http.post(API_SESSION, pinApi::signIn);
        http.delete(API_SESSION, pinApi::signOut);
        http.post(API_SUPPORT_PIN, pinApi::generatePin);

        http.get(HEALTH, (request, response) -> healthy.getAsBoolean()
                ? Json.write(response, 200, Map.of("status", "ok"))
                : Json.write(response, 503, Map.of("status", "database unavailable")));

        http.notFound((request, response) -> Json.error(response, 404, "not found"));
        http.internalServerError((request, response) -> Json.error(response, 500, "internal error"));

        // Runs after every route, halt and error: TwiML for Twilio needs none of the browser headers.
        http.afterAfter((request, response) -> {
            if (!isVoicePath(request.pathInfo())) {
                securityHeaders.apply(response);
            }
        });
    }

    static boolean isVoicePath(String path) {
        return path != null && (path.equals(VOICE) || path.startsWith(VOICE + "/"));
    }
}
