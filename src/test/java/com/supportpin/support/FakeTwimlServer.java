package com.supportpin.support;

import com.supportpin.voice.TwilioRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import spark.Service;

/**
 * A tiny TwiML server for simulator tests: serves fixed documents per path, checks every request's
 * X-Twilio-Signature as Twilio's customers must (403 otherwise), and records what it was sent.
 */
public final class FakeTwimlServer implements AutoCloseable {

    public static final String PUBLIC_BASE_URL = "https://fake.example.com";
    public static final String AUTH_TOKEN = "fake-auth-token-0123456789abcdef";

    /** One request the server received: its path, method and parameters (form body or query). */
    public record Received(String path, String method, Map<String, String> params) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A fixed answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {}

    private final Service http;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final TwilioSigner signer = new TwilioSigner(AUTH_TOKEN);

    public FakeTwimlServer() {
        http = Service.ignite().port(0);
        http.before((request, response) -> {
            String query = request.queryString();
            boolean get = request.requestMethod().equals("GET");
            Map<String, String> params = TwilioRequest.parseForm(get ? query : request.body());
            String url = PUBLIC_BASE_URL + request.pathInfo() + (query == null ? "" : "?" + query);
            String expected = signer.sign(url, get ? Map.of() : params);
            if (!expected.equals(request.headers("X-Twilio-Signature"))) {
                http.halt(403, "bad signature");
            }
            received.add(new Received(request.pathInfo(), request.requestMethod(), params));
        });
        http.post("/*", (request, response) -> answer(request.pathInfo(), response));
        http.get("/*", (request, response) -> answer(request.pathInfo(), response));
        http.init();
        http.awaitInitialization();
    }

    private Object answer(String path, spark.Response response) {
        Answer answer = answers.getOrDefault(path, new Answer(404, "text/plain", "no document at " + path));
        response.status(answer.status());
        if (answer.status() / 100 == 3) {
            response.header("Location", answer.body());
            return "";
        }
        response.type(answer.contentType());
        return answer.body();
    }

    /** Serves a TwiML document at a path: the Response element's content. */
    public FakeTwimlServer twiml(String path, String responseContent) {
        answers.put(
                path,
                new Answer(
                        200,
                        "text/xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + responseContent + "</Response>"));
        return this;
    }

    public FakeTwimlServer answer(String path, int status, String contentType, String body) {
        answers.put(path, new Answer(status, contentType, body));
        return this;
    }

    /** Answers a path with an HTTP redirect to {@code location}. */
    public FakeTwimlServer redirect(String path, int status, String location) {
        answers.put(path, new Answer(status, "text/plain", location));
        return this;
    }

    public String url() {
        return "http://localhost:" + http.port();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    public Optional<Received> first(String path) {
        return received(path).stream().findFirst();
    }

    @Override
    public void close() {
        http.stop();
        http.awaitStop();
    }
}
