package com.supportpin;

import com.supportpin.ops.HttpServer;
import com.supportpin.voice.VoiceRoutes;
import com.supportpin.web.Json;
import com.supportpin.web.SecurityHeaders;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import spark.Response;
import spark.RouteImpl;
import spark.Service;
import spark.route.HttpMethod;
import spark.route.Routes;

/** What holds for every route, whichever feature mounted it: body cap, 405 with Allow, JSON 404/500, headers. */
public final class RouteTable {

    /** One registered route: an upper-case HTTP method and a Spark path pattern ({@code :name}, {@code *}). */
    public record Entry(String method, String path) {}

    private static final Set<HttpMethod> VERBS = Set.of(
            HttpMethod.get,
            HttpMethod.post,
            HttpMethod.put,
            HttpMethod.patch,
            HttpMethod.delete,
            HttpMethod.head,
            HttpMethod.options,
            HttpMethod.trace,
            HttpMethod.connect);

    private RouteTable() {}

    /** Mounts the filters that must run before any feature's (so call it first). */
    static void mountBefore(Service http) {
        var allowedMethods = new AllowedMethods(http);
        http.before((request, response) -> {
            // Jetty's guard (ops.HttpServer) already refuses big and chunked bodies; this keeps the cap visible.
            if (request.contentLength() > HttpServer.MAX_BODY_BYTES) {
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
            if (!allowed.isEmpty()
                    && !allowed.contains(method)
                    && !(method.equals("HEAD") && allowed.contains("GET"))) {
                response.header("Allow", String.join(", ", allowed));
                halt(http, response, 405, "method not allowed");
            }
        });
    }

    /** Mounts the JSON 404 and 500 answers and the browser security headers (not on Twilio's /voice). */
    static void mountAfter(Service http, SecurityHeaders securityHeaders) {
        http.notFound((request, response) -> Json.error(response, 404, "not found"));
        http.internalServerError((request, response) -> Json.error(response, 500, "internal error"));
        // Runs after every route, halt and error.
        http.afterAfter((request, response) -> {
            if (!VoiceRoutes.isVoicePath(request.pathInfo())) {
                securityHeaders.apply(response);
            }
        });
    }

    /** Every route the service answers, read from Spark's own table (filters left out). */
    public static List<Entry> table(Service http) {
        return http.routes().stream()
                .filter(route -> VERBS.contains(route.getHttpMethod()))
                .map(route -> new Entry(route.getHttpMethod().name().toUpperCase(Locale.ROOT), route.getMatchUri()))
                .distinct()
                .toList();
    }

    /** The methods registered for a path (empty: 404, not 405), by Spark's own router; remembered per known path. */
    static final class AllowedMethods {
        private final Service http;
        private final ConcurrentMap<String, Set<String>> byPath = new ConcurrentHashMap<>();
        private volatile Routes router;

        AllowedMethods(Service http) {
            this.http = http;
        }

        Set<String> of(String path) {
            if (path == null) {
                return Set.of();
            }
            Set<String> known = byPath.get(path);
            if (known != null) {
                return known;
            }
            var allowed = new TreeSet<String>();
            for (HttpMethod verb : VERBS) {
                if (router().find(verb, path, null) != null) {
                    allowed.add(verb.name().toUpperCase(Locale.ROOT));
                }
            }
            if (!allowed.isEmpty() && byPath.size() < 1024) {
                byPath.put(path, Collections.unmodifiableSet(allowed));
            }
            return allowed;
        }

        private Routes router() {
            if (router == null) {
                var copy = Routes.create();
                http.routes().stream()
                        .filter(route -> VERBS.contains(route.getHttpMethod()))
                        .forEach(route -> copy.add(route.getHttpMethod(), (RouteImpl) route.getTarget()));
                router = copy;
            }
            return router;
        }
    }

    private static void halt(Service http, Response response, int status, String reason) {
        response.type("application/json; charset=utf-8");
        http.halt(status, Json.encode(Map.of("error", reason)));
    }
}
