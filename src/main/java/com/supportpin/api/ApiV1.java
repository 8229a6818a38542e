package com.supportpin.api;

import com.supportpin.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

/** The server-to-server API under {@code /api/v1}: bearer key, per-key rate limit and audit for every call. */
public final class ApiV1 {

    public static final String BASE = "/api/v1";
    public static final String CONTACT = BASE + "/contacts/:externalId";
    public static final String SUPPORT_PIN = CONTACT + "/support-pin";
    public static final String OPENAPI = BASE + "/openapi.json";
    /** The OpenAPI 3.1 document, a resource kept beside the code it describes. */
    public static final String OPENAPI_RESOURCE = "api/openapi.json";

    private static final Logger log = LoggerFactory.getLogger(ApiV1.class);
    private static final String CALLER = "api.caller";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ApiKeys keys;
    private final ContactsApi contacts;
    private final Jdbi jdbi;
    private final Clock clock;
    private final int callsPerMinute;
    private final String document;

    public ApiV1(ApiKeys keys, ContactsApi contacts, Jdbi jdbi, Clock clock, int callsPerMinute) {
        this.keys = keys;
        this.contacts = contacts;
        this.jdbi = jdbi;
        this.clock = clock;
        this.callsPerMinute = callsPerMinute;
        this.document = openApiDocument();
    }

    /** Registers the filters and routes. */
    public void mount(Service http) {
        http.before(BASE + "/*", (request, response) -> admit(http, request, response));
        http.put(CONTACT, contacts::put);
        http.delete(CONTACT, contacts::delete);
        http.post(SUPPORT_PIN, contacts::issuePin);
        http.get(SUPPORT_PIN, contacts::pinState);
        http.get(OPENAPI, (request, response) -> {
            response.type("application/json; charset=utf-8");
            response.header("Cache-Control", "no-cache");
            return document;
        });
        http.afterAfter(BASE + "/*", this::audit);
    }

    /** Every path of the API as registered, for tests that hold the document against the routes. */
    public static List<String> paths() {
        return List.of(CONTACT, SUPPORT_PIN, OPENAPI);
    }

    private void admit(Service http, Request request, Response response) {
        if (OPENAPI.equals(request.pathInfo())) {
            return;
        }
        Optional<ApiKeys.Caller> caller = keys.authenticate(bearer(request));
        if (caller.isEmpty()) {
            response.header("WWW-Authenticate", "Bearer");
            halt(http, response, 401, "send Authorization: Bearer <API key> with a live key");
        }
        request.attribute(CALLER, caller.get());
        Instant now = clock.instant();
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        int calls = jdbi.withExtension(
                ApiKeyDao.class,
                dao -> dao.countCall(caller.get().id(), windowStart, windowStart.minus(Duration.ofHours(1))));
        if (calls > callsPerMinute) {
            long retryAfter =
                    Math.max(1, Duration.between(now, windowStart.plus(WINDOW)).toSeconds());
            response.header("Retry-After", String.valueOf(retryAfter));
            halt(http, response, 429, "more than " + callsPerMinute + " calls a minute with this key; retry later");
        }
    }

    private void audit(Request request, Response response) {
        ApiKeys.Caller caller = request.attribute(CALLER);
        String name = caller == null ? null : caller.name();
        String method = request.requestMethod().toUpperCase(Locale.ROOT);
        int status = response.raw().getStatus();
        try {
            jdbi.useExtension(
                    ApiKeyDao.class, dao -> dao.audit(name, method, request.pathInfo(), status, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("api call not audited: {}", e.getClass().getSimpleName());
        }
        log.info("api key={} {} {} -> {}", name == null ? "-" : name, method, request.pathInfo(), status);
    }

    private static String bearer(Request request) {
        String header = request.headers("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
    }

    private static void halt(Service http, Response response, int status, String reason) {
        response.type("application/json; charset=utf-8");
        http.halt(status, Json.encode(Map.of("error", reason)));
    }

    private static String openApiDocument() {
        try (InputStream in = ApiV1.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
