package com.supportpin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The account center's backend in tests: calls {@code /api/v1} with a key and holds every request and every
 * answer against the OpenAPI document ({@link ApiContract}). A request the test means to break the document
 * is sent with {@link #breaking}, which asserts that the document forbids it; its answer is still checked.
 */
public final class ApiClient {

    /** One answer. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final TestServer server;
    private final ApiContract contract;
    private final String key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean expectBrokenRequest;

    public ApiClient(TestServer server, ApiContract contract, String key) {
        this.server = server;
        this.contract = contract;
        this.key = key;
    }

    /** The same client with another key (null: no Authorization header). */
    public ApiClient withKey(String otherKey) {
        return new ApiClient(server, contract, otherKey);
    }

    /** The next request is one the document forbids (a field error, say): asserted, then sent anyway. */
    public ApiClient breaking() {
        var client = new ApiClient(server, contract, key);
        client.expectBrokenRequest = true;
        return client;
    }

    public Answer put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public Answer post(String path) {
        return send("POST", path, null, null);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any request, with the content type and body given (null: none). */
    public Answer send(String method, String path, String contentType, String body) {
        Optional<String> requestProblem = contract.requestProblem(method, path, contentType, body);
        if (expectBrokenRequest) {
            assertThat(requestProblem)
                    .as("the document should forbid %s %s %s", method, path, body)
                    .isPresent();
        } else {
            assertThat(requestProblem)
                    .as("request %s %s %s", method, path, body)
                    .isEmpty();
        }
        var request = HttpRequest.newBuilder(URI.create(server.localUrl(path)))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        var headers = new LinkedHashMap<String, String>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Optional<String> responseProblem = contract.responseProblem(
                method,
                path,
                response.statusCode(),
                documentedHeaders(headers),
                headers.get("content-type"),
                response.body());
        assertThat(responseProblem)
                .as("answer %d to %s %s: %s", response.statusCode(), method, path, response.body())
                .isEmpty();
        return new Answer(response.statusCode(), response.body(), headers);
    }

    /** The headers as the document names them (HTTP header names are case-insensitive; the validator's map is not). */
    private static Map<String, String> documentedHeaders(Map<String, String> headers) {
        var named = new LinkedHashMap<String, String>();
        headers.forEach((name, value) -> named.put(
                switch (name) {
                    case "www-authenticate" -> "WWW-Authenticate";
                    case "retry-after" -> "Retry-After";
                    default -> name;
                },
                value));
        return named;
    }
}
