package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.RouteTable;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import com.supportpin.web.WebPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Junk at every route. The routes come from the running server's own table, so a route added later is
 * attacked without touching this test. Every answer is a 4xx with a short reason, or valid TwiML for a
 * correctly signed voice webhook; never a 5xx, a stack trace, or silence past the client's timeout.
 */
class HostileInputTest {

    private static final String METRICS_TOKEN = "metrics-token-0123456789abcdef";
    private static final int ONE_MB = 1024 * 1024;
    private static final int JETTY_HEAD_LIMIT = new HttpConfiguration().getRequestHeaderSize();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    /** Values that have broken web services before: each goes into every field a route reads. */
    private static final Map<String, String> VALUES = values();

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("METRICS_TOKEN", METRICS_TOKEN));

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What an answer must be. */
    enum Expect {
        TWIML,
        CLIENT_ERROR,
        NOT_SERVER_ERROR
    }

    /** One request: how to send it and what must come back. */
    record Attack(
            String name,
            String method,
            String path,
            String contentType,
            byte[] body,
            boolean chunked,
            Map<String, String> headers,
            Expect expect) {
        @Override
        public String toString() {
            return method + " " + (path.length() > 60 ? path.substring(0, 60) + "…" : path) + " · " + name;
        }
    }

    private static Map<String, String> values() {
        var values = new LinkedHashMap<String, String>();
        values.put("empty", "");
        values.put("1 MB", "9".repeat(ONE_MB));
        values.put("unicode", "ﾃｽﾄ 😀 \u202Eevil\u202C \uFEFF Ωmega ١٢٣٤");
        values.put("control characters", "\u0000\u0007\b\r\n\t\u001b[2J\u007f\u0085");
        values.put("SQL meta", "' OR '1'='1'; DROP TABLE call; -- \\ \" ` $$ %_");
        values.put("long digits", "1".repeat(20_000));
        values.put("percent junk", "%00%ff%zz%");
        return values;
    }

    static Stream<Arguments> attacks() {
        var attacks = new ArrayList<Attack>();
        List<RouteTable.Entry> routes = server.app().routes();
        assertThat(routes)
                .extracting(RouteTable.Entry::path)
                .contains(VoicePaths.VOICE_PIN, WebPaths.API_SESSION, OpsPaths.HEALTH, OpsPaths.METRICS);
        for (RouteTable.Entry route : routes) {
            if (route.path().startsWith(VoicePaths.VOICE + "/")
                    && route.method().equals("POST")) {
                voiceAttacks(route, attacks);
            } else {
                otherAttacks(route, attacks);
            }
            bodyLimitAttacks(route, attacks);
        }
        wrongMethods(routes, attacks);
        unknownPaths(attacks);
        return attacks.stream().map(Arguments::of);
    }

    private static void voiceAttacks(RouteTable.Entry route, List<Attack> attacks) {
        var call = twilio.call("+14155550190");
        for (var value : VALUES.entrySet()) {
            var params = new LinkedHashMap<String, String>();
            for (String name : List.of(
                    "CallSid",
                    "From",
                    "To",
                    "Caller",
                    "Digits",
                    "CallStatus",
                    "QueuePosition",
                    "QueueTime",
                    "QueueResult",
                    "QueueSid",
                    "AccountSid")) {
                params.put(name, value.getValue());
            }
            byte[] form = form(params);
            Expect signed = form.length > HttpServer.MAX_BODY_BYTES ? Expect.CLIENT_ERROR : Expect.TWIML;
            attacks.add(voice(
                    route,
                    "signed, every parameter " + value.getKey(),
                    form,
                    twilio.sign(route.path(), params),
                    signed));
            var digitsOnly = call.params(Map.of("Digits", value.getValue()));
            byte[] digitsForm = form(digitsOnly);
            attacks.add(voice(
                    route,
                    "signed, Digits " + value.getKey(),
                    digitsForm,
                    twilio.sign(route.path(), digitsOnly),
                    digitsForm.length > HttpServer.MAX_BODY_BYTES ? Expect.CLIENT_ERROR : Expect.TWIML));
            attacks.add(voice(route, "unsigned, every parameter " + value.getKey(), form, null, Expect.CLIENT_ERROR));
        }
        attacks.add(voice(
                route, "signed, no parameters at all", new byte[0], twilio.sign(route.path(), Map.of()), Expect.TWIML));
        var onlyCallSid = Map.of("CallSid", call.callSid());
        attacks.add(voice(
                route,
                "signed, only a CallSid",
                form(onlyCallSid),
                twilio.sign(route.path(), onlyCallSid),
                Expect.TWIML));
        var params = call.params(Map.of("Digits", "1234"));
        String signature = twilio.sign(route.path(), params);
        attacks.add(new Attack(
                "signed form sent as JSON",
                "POST",
                route.path(),
                "application/json",
                form(params),
                false,
                Map.of("X-Twilio-Signature", signature),
                Expect.CLIENT_ERROR));
        attacks.add(new Attack(
                "signature for another path",
                "POST",
                route.path(),
                "application/x-www-form-urlencoded",
                form(params),
                false,
                Map.of("X-Twilio-Signature", twilio.sign(route.path() + "x", params)),
                Expect.CLIENT_ERROR));
        attacks.add(new Attack(
                "garbage signature",
                "POST",
                route.path(),
                "application/x-www-form-urlencoded",
                form(params),
                false,
                Map.of("X-Twilio-Signature", "' OR 1=1 --"),
                Expect.CLIENT_ERROR));
    }

    private static Attack voice(RouteTable.Entry route, String name, byte[] form, String signature, Expect expect) {
        Map<String, String> headers = signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature);
        return new Attack(
                name,
                "POST",
                route.path(),
                "application/x-www-form-urlencoded; charset=utf-8",
                form,
                false,
                headers,
                expect);
    }

    private static void otherAttacks(RouteTable.Entry route, List<Attack> attacks) {
        boolean hasBody = !route.method().equals("GET") && !route.method().equals("HEAD");
        for (var value : VALUES.entrySet()) {
            String v = value.getValue();
            String pathValue = v.length() > 10_000 ? v.substring(0, 10_000) : v;
            String path = withPathParameters(route.path(), pathValue);
            if (hasBody) {
                String json = "{\"email\":" + jsonString(v) + ",\"password\":" + jsonString(v) + ",\"pin\":"
                        + jsonString(v) + ",\"csrf\":" + jsonString(v) + ",\"name\":" + jsonString(v) + "}";
                attacks.add(body(route.method(), path, "JSON fields " + value.getKey(), "application/json", json));
                attacks.add(body(
                        route.method(),
                        path,
                        "form fields " + value.getKey(),
                        "application/x-www-form-urlencoded",
                        new String(
                                form(Map.of("email", v, "password", v, "pin", v, "csrf", v)), StandardCharsets.UTF_8)));
                attacks.add(body(route.method(), path, "raw body " + value.getKey(), "text/plain; charset=utf-8", v));
            }
            if (v.length() <= 20_000) {
                attacks.add(new Attack(
                        "query " + value.getKey(),
                        route.method(),
                        path + "?q=" + encode(v) + "&email=" + encode(v),
                        null,
                        null,
                        false,
                        Map.of(),
                        Expect.NOT_SERVER_ERROR));
            }
            if (v.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && v.length() < 4000) {
                attacks.add(new Attack(
                        "cookie and bearer " + value.getKey(),
                        route.method(),
                        path,
                        null,
                        null,
                        false,
                        Map.of("Cookie", "sid=" + v + "; __Host-sid=" + v, "Authorization", "Bearer " + v),
                        Expect.NOT_SERVER_ERROR));
            }
        }
        if (hasBody) {
            String path = withPathParameters(route.path(), "1");
            attacks.add(body(route.method(), path, "malformed JSON", "application/json", "{\"email\": "));
            attacks.add(body(route.method(), path, "JSON array", "application/json", "[1,2,3]"));
            attacks.add(body(
                    route.method(),
                    path,
                    "JSON nested 30000 deep",
                    "application/json",
                    "[".repeat(30_000) + "]".repeat(30_000)));
            attacks.add(body(
                    route.method(),
                    path,
                    "JSON with wrong types",
                    "application/json",
                    "{\"email\":[1],\"password\":{\"a\":null},\"pin\":12345678901234567890}"));
            attacks.add(body(
                    route.method(),
                    path,
                    "XML",
                    "application/xml",
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
            attacks.add(body(route.method(), path, "multipart without boundary", "multipart/form-data", "--x--"));
            attacks.add(body(route.method(), path, "no content type", null, "{}"));
            attacks.add(body(route.method(), path, "empty body", "application/json", ""));
        }
    }

    private static Attack body(String method, String path, String name, String contentType, String body) {
        return new Attack(
                name,
                method,
                path,
                contentType,
                body.getBytes(StandardCharsets.UTF_8),
                false,
                Map.of(),
                Expect.NOT_SERVER_ERROR);
    }

    private static void bodyLimitAttacks(RouteTable.Entry route, List<Attack> attacks) {
        if (route.method().equals("GET") || route.method().equals("HEAD")) {
            return;
        }
        String path = withPathParameters(route.path(), "1");
        byte[] big = "a".repeat(ONE_MB + 1).getBytes(StandardCharsets.UTF_8);
        attacks.add(new Attack(
                "1 MB body with Content-Length",
                route.method(),
                path,
                "application/json",
                big,
                false,
                Map.of(),
                Expect.CLIENT_ERROR));
        attacks.add(new Attack(
                "1 MB chunked body",
                route.method(),
                path,
                "application/json",
                big,
                true,
                Map.of(),
                Expect.CLIENT_ERROR));
        attacks.add(new Attack(
                "small chunked body",
                route.method(),
                path,
                "application/json",
                "{}".getBytes(StandardCharsets.UTF_8),
                true,
                Map.of(),
                Expect.CLIENT_ERROR));
    }

    private static void wrongMethods(List<RouteTable.Entry> routes, List<Attack> attacks) {
        Map<String, Set<String>> allowed = routes.stream()
                .collect(Collectors.groupingBy(
                        RouteTable.Entry::path,
                        Collectors.mapping(RouteTable.Entry::method, Collectors.toCollection(TreeSet::new))));
        allowed.forEach((pattern, methods) -> {
            String path = withPathParameters(pattern, "1");
            for (String method : METHODS) {
                if (!methods.contains(method)) {
                    attacks.add(new Attack(
                            "wrong method (405, Allow: " + String.join(", ", methods) + ")",
                            method,
                            path,
                            "application/json",
                            method.equals("GET") || method.equals("DELETE")
                                    ? null
                                    : "{}".getBytes(StandardCharsets.UTF_8),
                            false,
                            Map.of(),
                            Expect.CLIENT_ERROR));
                }
            }
        });
    }

    private static void unknownPaths(List<Attack> attacks) {
        for (String path : List.of(
                "/nope",
                "/api/nope",
                "/voice/nope",
                "/health/extra",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/api/session/../../etc/passwd",
                "/" + "a".repeat(20_000),
                "/metrics.json")) {
            attacks.add(new Attack("unknown path", "GET", path, null, null, false, Map.of(), Expect.CLIENT_ERROR));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyRouteAnswersHostileInputWithAShortClientErrorOrValidTwiml(Attack attack) throws Exception {
        SocketHttp.Answer response = send(attack);
        int status = response.status();
        String body = response.body();

        assertThat(status).as("status of %s", attack).isLessThan(500);
        assertThat(body)
                .as("body of %s", attack)
                .doesNotContain(
                        "Exception",
                        "\tat ",
                        "org.eclipse.jetty",
                        "java.lang",
                        "com.supportpin",
                        "SQLSTATE",
                        "<html><head><title>Error");
        switch (attack.expect()) {
            case TWIML -> {
                assertThat(status).as("status of %s", attack).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("text/xml");
                Twiml.strict(body);
            }
            case CLIENT_ERROR -> assertThat(status).as("status of %s", attack).isBetween(400, 499);
            case NOT_SERVER_ERROR -> {}
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                assertThat(body.length())
                        .as("length of the reason for %s", attack)
                        .isLessThanOrEqualTo(512);
            }
            // The JSON API and paths nobody serves answer JSON; web pages may re-render their form instead.
            if (attack.path().startsWith("/api/")
                    || status == 404
                    || status == 405
                    || status == 411
                    || status == 413
                    || status == 414) {
                assertThat(type).as("error type for %s", attack).startsWith("application/json");
            }
        }
        if (status == 405) {
            assertThat(response.headers().firstValue("Allow"))
                    .as("Allow header")
                    .isPresent();
        }
    }

    @Test
    void aWrongMethodOnAKnownPathIs405WithTheAllowedMethods() throws Exception {
        var response =
                send(new Attack("", "GET", WebPaths.API_SESSION, null, null, false, Map.of(), Expect.CLIENT_ERROR));
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("DELETE, POST");
        assertThat(response.body()).isEqualTo("{\"error\":\"method not allowed\"}");
    }

    @Test
    void anUnknownPathIs404Json() throws Exception {
        var response = send(new Attack("", "GET", "/no/such/page", null, null, false, Map.of(), Expect.CLIENT_ERROR));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"not found\"}");
    }

    private static SocketHttp.Answer send(Attack attack) throws Exception {
        // A request the server refuses on its head (a URL over Jetty's head limit) or on its Content-Length (a body
        // larger than it drains) is answered before its body is read, and the connection is closed. Java's
        // HttpClient, still writing, then drops that answer (and on Java 17 hangs when it asks first with
        // Expect: 100-continue), so such a request goes over a plain socket that reads the answer, as curl does.
        if (attack.body() != null
                && !attack.chunked()
                && (attack.path().length() > JETTY_HEAD_LIMIT || attack.body().length > HttpServer.DRAIN_LIMIT)) {
            var headers = new LinkedHashMap<>(attack.headers());
            if (attack.contentType() != null) {
                headers.put("Content-Type", attack.contentType());
            }
            try {
                return SocketHttp.exchange(server.port(), attack.method(), attack.path(), headers, attack.body());
            } catch (IOException e) {
                throw new AssertionError("no answer to " + attack + ": " + e.getMessage(), e);
            }
        }
        HttpRequest.BodyPublisher publisher;
        if (attack.body() == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (attack.chunked()) {
            // An input stream has no known length: HttpClient sends it chunked, without Content-Length.
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(attack.body()));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(attack.body());
        }
        var request = HttpRequest.newBuilder(URI.create(server.localUrl(attack.path())))
                .timeout(Duration.ofSeconds(10))
                .method(attack.method(), publisher);
        if (attack.contentType() != null) {
            request.header("Content-Type", attack.contentType());
        }
        attack.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new SocketHttp.Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + attack + ": " + e.getMessage(), e);
        }
    }

    private static String withPathParameters(String pattern, String value) {
        return Stream.of(pattern.split("/", -1))
                .map(segment -> segment.startsWith(":") || segment.equals("*") ? encode(value) : segment)
                .collect(Collectors.joining("/"));
    }

    private static byte[] form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String jsonString(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
