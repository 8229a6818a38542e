package com.supportpin.ops;

import static com.supportpin.ops.OpsPaths.HEALTH;
import static com.supportpin.ops.OpsPaths.METRICS;

import com.supportpin.web.Json;
import com.supportpin.web.SessionTokens;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import spark.Request;
import spark.Service;

/** The operator's endpoints: health, and metrics on the public port when METRICS_TOKEN guards them. */
public final class OpsRoutes {

    private final BooleanSupplier healthy;
    private final Metrics metrics;
    private final Optional<String> metricsToken;
    private final List<String> signInPaths;

    /** {@code signInPaths}: POST routes that check a password, whose answers count as sign-in attempts. */
    public OpsRoutes(
            BooleanSupplier healthy, Metrics metrics, Optional<String> metricsToken, List<String> signInPaths) {
        this.healthy = healthy;
        this.metrics = metrics;
        this.metricsToken = metricsToken;
        this.signInPaths = signInPaths;
    }

    public void mount(Service http) {
        http.get(
                HEALTH,
                (request, response) -> healthy.getAsBoolean()
                        ? Json.write(response, 200, Map.of("status", "ok"))
                        : Json.write(response, 503, Map.of("status", "database unavailable")));
        if (metricsToken.isPresent()) {
            mountMetrics(http);
        }
        for (String path : signInPaths) {
            metrics.signInRoute(path);
            http.after(path, (request, response) -> {
                if (request.requestMethod().equalsIgnoreCase("POST")) {
                    metrics.signIn(path, response.raw().getStatus());
                }
            });
        }
    }

    /** GET /metrics in Prometheus's format; with a token, only for {@code Authorization: Bearer <token>}. */
    public void mountMetrics(Service http) {
        http.get(METRICS, (request, response) -> {
            if (metricsToken.isPresent() && !bearerMatches(request, metricsToken.get())) {
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
}
