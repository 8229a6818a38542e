package com.supportpin;

import com.supportpin.agent.AgentApi;
import com.supportpin.agent.AgentConsole;
import com.supportpin.ops.Metrics;
import com.supportpin.voice.TwilioSignatureFilter;
import com.supportpin.voice.VoiceStep;
import com.supportpin.voice.VoiceWebhooks;
import com.supportpin.web.Json;
import com.supportpin.web.PinApi;
import com.supportpin.web.SecurityHeaders;
import com.supportpin.web.SessionTokens;
import com.supportpin.web.SignInPage;
import com.supportpin.web.StaticAssets;
import com.supportpin.web.SupportPinPage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import spark.Request;
import spark.Response;
import spark.Service;
import spark.route.HttpMethod;

/** The route table: every path the service answers, as constants used both here and in TwiML and links. */
public final class Routes {

    public static final String HEALTH = "/health";
    /** Prometheus metrics: on METRICS_PORT, and on the public port only behind METRICS_TOKEN. */
    public static final String METRICS = "/metrics";

    public static final String VOICE = "/voice";
    public static final String VOICE_INCOMING = VOICE + "/incoming";
    public static final String VOICE_ACCOUNT = VOICE + "/account";
    public static final String VOICE_PIN = VOICE + "/pin";
    public static final String VOICE_HOLD = VOICE + "/hold";
    public static final String VOICE_QUEUE_EXIT = VOICE + "/queue-exit";
    public static final String VOICE_STATUS = VOICE + "/status";
    public static final String VOICE_HOLD_CALLBACK = VOICE_HOLD + "/callback";
    /** The Queue url of an agent's Dial: runs on the caller's leg just before the bridge. */
    public static final String VOICE_QUEUE_CONNECT = VOICE + "/connect";

    /** The agent line: a second Twilio number whose voice URL is this path. */
    public static final String VOICE_AGENT = VOICE + "/agent";
    public static final String VOICE_AGENT_CODE = VOICE_AGENT + "/code";
    public static final String VOICE_AGENT_PASSCODE = VOICE_AGENT + "/passcode";
    public static final String VOICE_AGENT_NEXT = VOICE_AGENT + "/next";
    public static final String VOICE_AGENT_DIAL_END = VOICE_AGENT + "/dial-end";
    public static final String VOICE_AGENT_STATUS = VOICE_AGENT + "/status";

    /** The agent console (agents only; its own sign-in and cookie) and its assets. */
    public static final String AGENT_CONSOLE = "/agent";
    public static final String AGENT_SIGN_IN = AGENT_CONSOLE + "/sign-in";
    public static final String AGENT_SIGN_OUT = AGENT_CONSOLE + "/sign-out";
    public static final String AGENT_VERIFY = AGENT_CONSOLE + "/verify";
    public static final String AGENT_CONSOLE_SCRIPT = "/static/agent-console.js";
    public static final String AGENT_CONSOLE_STYLESHEET = "/static/agent-console.css";

    public static final String API_AGENT_SESSION = "/api/agent/session";
    public static final String API_AGENT_QUEUE = "/api/agent/queue";
    public static final String API_AGENT_CURRENT_CALL = "/api/agent/calls/current";
    public static final String API_AGENT_VERIFY = "/api/agent/verify";

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
            SUPPORT_PIN_SCRIPT, "support-pin.js", AGENT_CONSOLE_STYLESHEET, "agent-console.css",
            AGENT_CONSOLE_SCRIPT, "agent-console.js");

    public static final String API_SESSION = "/api/session";
    public static final String API_SUPPORT_PIN = "/api/support-pin";

    /** POST routes that check a password; their answers are counted as sign-in attempts in the metrics. */
    public static final List<String> SIGN_IN_PATHS = List.of(LOGIN, API_SESSION);

    /** Largest request body accepted; Twilio's webhooks are a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The voice steps, keyed by the path Twilio posts to. */
    public record VoiceSteps(VoiceStep incoming, VoiceStep account, VoiceStep pin, VoiceStep hold,
            VoiceStep holdCallback, VoiceStep queueExit, VoiceStep status) {

        Map<String, VoiceStep> byPath() {
            return Map.of(VOICE_INCOMING, incoming, VOICE_ACCOUNT, account, VOICE_PIN, pin, VOICE_HOLD, hold,
                    VOICE_HOLD_CALLBACK, holdCallback, VOICE_QUEUE_EXIT, queueExit, VOICE_STATUS, status);
        }
    }

    /** The agent line's steps and the Queue url step, keyed by the path Twilio posts to. */
    public record AgentVoiceSteps(VoiceStep line, VoiceStep code, VoiceStep passcode, VoiceStep next,
            VoiceStep dialEnd, VoiceStep status, VoiceStep queueConnect) {

        Map<String, VoiceStep> byPath() {
            return Map.of(VOICE_AGENT, line, VOICE_AGENT_CODE, code, VOICE_AGENT_PASSCODE, passcode,
                    VOICE_AGENT_NEXT, next, VOICE_AGENT_DIAL_END, dialEnd, VOICE_AGENT_STATUS, status,
                    VOICE_QUEUE_CONNECT, queueConnect);
        }
    }

    /** The customer web: sign-in, the Support PIN page and their static files. */
    public record WebPages(SignInPage signIn, SupportPinPage supportPin, StaticAssets assets) {
    }

    /** Every voice path, for tests that check each URL in emitted TwiML is a registered route. */
    public static final List<String> VOICE_PATHS = List.of(VOICE_INCOMING, VOICE_ACCOUNT, VOICE_PIN, VOICE_HOLD,
            VOICE_HOLD_CALLBACK, VOICE_QUEUE_EXIT, VOICE_STATUS, VOICE_QUEUE_CONNECT, VOICE_AGENT, VOICE_AGENT_CODE,
            VOICE_AGENT_PASSCODE, VOICE_AGENT_NEXT, VOICE_AGENT_DIAL_END, VOICE_AGENT_STATUS);

    /** One registered route: an upper-case HTTP method and a Spark path pattern ({@code :name}, {@code *}). */
    public record Entry(String method, String path) {
    }

    private static final Set<HttpMethod> VERBS = Set.of(HttpMethod.get, HttpMethod.post, HttpMethod.put,
            HttpMethod.patch, HttpMethod.delete, HttpMethod.head, HttpMethod.options, HttpMethod.trace,
            HttpMethod.connect);

    private Routes() {
    }

    static void install(Service http, TwilioSignatureFilter signatures, VoiceWebhooks webhooks, VoiceSteps steps,
            AgentVoiceSteps agentSteps, PinApi pinApi, WebPages web, AgentConsole agentConsole, AgentApi agentApi,
            SecurityHeaders securityHeaders, BooleanSupplier healthy, Metrics metrics,
            Optional<String> metricsToken) {
        // Jetty's guard (ops.HttpServer) already refuses big and chunked bodies; this keeps the cap visible here.
        var allowedMethods = new AllowedMethods(http);
        http.before((request, response) -> {
            if (request.contentLength() > MAX_BODY_BYTES) {
                halt(http, response, 413, "request body too large");
            }
            if (request.contentLength() > 0) {
                // Read the (capped) body before any answer: a route that answers early (401, 405, ...) would
                // otherwise leave it unread, Jetty would close the connection under the client's upload, and
                // the client could lose the end of the answer. Spark keeps the bytes for request.body().
                request.bodyAsBytes();
            }
            Set<String> allowed = allowedMethods.of(request.pathInfo());
            String method = request.requestMethod().toUpperCase(Locale.ROOT);
            if (!allowed.isEmpty() && !allowed.contains(method) && !(method.equals("HEAD") && allowed.contains("GET"))) {
                response.header("Allow", String.join(", ", allowed));
                halt(http, response, 405, "method not allowed");
            }
        });
        http.before(VOICE + "/*", signatures::check);
        steps.byPath().forEach((path, step) -> http.post(path, webhooks.route(step)));
        agentSteps.byPath().forEach((path, step) -> http.post(path, webhooks.route(step)));

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

        http.get(AGENT_CONSOLE, agentConsole::show);
        http.post(AGENT_SIGN_IN, agentConsole::signIn);
        http.post(AGENT_SIGN_OUT, agentConsole::signOut);
        http.post(AGENT_VERIFY, agentConsole::verify);
        http.post(API_AGENT_SESSION, agentApi::signIn);
        http.delete(API_AGENT_SESSION, agentApi::signOut);
        http.get(API_AGENT_QUEUE, agentApi::queue);
        http.get(API_AGENT_CURRENT_CALL, agentApi::current);
        http.post(API_AGENT_VERIFY, agentApi::verify);

        http.get(HEALTH, (request, response) -> healthy.getAsBoolean()
                ? Json.write(response, 200, Map.of("status", "ok"))
                : Json.write(response, 503, Map.of("status", "database unavailable")));
        metricsToken.ifPresent(token -> installMetrics(http, metrics, metricsToken));

        for (String path : SIGN_IN_PATHS) {
            metrics.signInRoute(path);
            http.after(path, (request, response) -> {
                if (request.requestMethod().equalsIgnoreCase("POST")) {
                    metrics.signIn(path, response.raw().getStatus());
                }
            });
        }

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

    /** GET /metrics in Prometheus's format; with a token, only for {@code Authorization: Bearer <token>}. */
    static void installMetrics(Service http, Metrics metrics, Optional<String> token) {
        http.get(METRICS, (request, response) -> {
            if (token.isPresent() && !bearerMatches(request, token.get())) {
                response.header("WWW-Authenticate", "Bearer");
                return Json.error(response, 401, "metrics need the bearer token");
            }
            response.type(Metrics.CONTENT_TYPE);
            return metrics.scrape();
        });
    }

    private static boolean bearerMatches(Request request, String token) {
        String header = request.headers("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return SessionTokens.matches(token, header.substring(7).trim());
    }

    /** Every route the service answers, read from Spark's own table (filters left out). */
    public static List<Entry> table(Service http) {
        return http.routes().stream()
                .filter(route -> VERBS.contains(route.getHttpMethod()))
                .map(route -> new Entry(route.getHttpMethod().name().toUpperCase(Locale.ROOT), route.getMatchUri()))
                .distinct()
                .toList();
    }

    /**
     * The methods registered for a path (empty when no route has it: a 404, not a 405). Answers are
     * remembered per service for paths that have routes, so junk paths cannot grow the map: scanning the
     * table on every request cost a sixth of a webhook's CPU, and the table is fixed once the service is up.
     */
    static final class AllowedMethods {
        private final Service http;
        private final java.util.concurrent.ConcurrentMap<String, Set<String>> byPath =
                new java.util.concurrent.ConcurrentHashMap<>();

        AllowedMethods(Service http) {
            this.http = http;
        }

        Set<String> of(String path) {
            Set<String> known = path == null ? null : byPath.get(path);
            if (known != null) {
                return known;
            }
            Set<String> allowed = allowedMethods(http, path);
            if (!allowed.isEmpty() && byPath.size() < 1024) {
                byPath.put(path, java.util.Collections.unmodifiableSet(allowed));
            }
            return allowed;
        }
    }

    /** The methods registered for a path, from a scan of the route table. */
    static Set<String> allowedMethods(Service http, String path) {
        var allowed = new TreeSet<String>();
        for (Entry entry : table(http)) {
            if (matches(entry.path(), path)) {
                allowed.add(entry.method());
            }
        }
        return allowed;
    }

    /** Spark's path matching: {@code :name} is one segment, a trailing {@code *} any rest. */
    static boolean matches(String pattern, String path) {
        if (path == null) {
            return false;
        }
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("*")) {
                return i == want.length - 1 ? got.length > i : i < got.length;
            }
            if (i >= got.length) {
                return false;
            }
            if (want[i].startsWith(":") ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return want.length == got.length;
    }

    private static void halt(Service http, Response response, int status, String reason) {
        response.type("application/json; charset=utf-8");
        http.halt(status, Json.encode(Map.of("error", reason)));
    }
}
