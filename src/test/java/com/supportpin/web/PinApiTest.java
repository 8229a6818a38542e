package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.ops.OpsPaths;
import com.supportpin.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON API for programs: sign in, then generate a Support PIN. */
class PinApiTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void addContact() {
        server.addContact("3001", "Api Contact", "api@example.com", "api password 1");
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String cookie)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.localUrl(path)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signIn() throws Exception {
        var response = post(
                WebPaths.API_SESSION,
                "application/json",
                "{\"email\":\"api@example.com\",\"password\":\"api password 1\"}",
                null);
        assertThat(response.statusCode()).isEqualTo(200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void signingInSetsAnHttpOnlySameSiteSessionCookie() throws Exception {
        var response = post(
                WebPaths.API_SESSION,
                "application/json",
                "{\"email\":\"API@example.com\",\"password\":\"api password 1\"}",
                null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"accountNumber\":\"3001\"").doesNotContain("password");
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        // PUBLIC_BASE_URL is https in tests: Secure and the __Host- prefix apply.
        assertThat(cookie).startsWith("__Host-sid=").contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/");
        assertThat(cookie.substring("__Host-sid=".length(), cookie.indexOf(';')))
                .hasSize(22);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSame401() throws Exception {
        var wrong = post(
                WebPaths.API_SESSION,
                "application/json",
                "{\"email\":\"api@example.com\",\"password\":\"not the password\"}",
                null);
        var unknown = post(
                WebPaths.API_SESSION,
                "application/json",
                "{\"email\":\"nobody@example.com\",\"password\":\"not the password\"}",
                null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void onlyJsonBodiesAreAccepted() throws Exception {
        var form = post(
                WebPaths.API_SESSION,
                "application/x-www-form-urlencoded",
                "email=api%40example.com&password=api+password+1",
                null);
        assertThat(form.statusCode()).isEqualTo(415);
        var broken = post(WebPaths.API_SESSION, "application/json", "{\"email\":", null);
        assertThat(broken.statusCode()).isEqualTo(400);
        var wrongTypes = post(WebPaths.API_SESSION, "application/json", "{\"email\":1,\"password\":[]}", null);
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
    }

    @Test
    void aSignedInContactGetsAFreshFourDigitPinThatExpiresIn90Minutes() throws Exception {
        String cookie = signIn();
        var response = post(WebPaths.API_SUPPORT_PIN, "application/json", "{}", cookie);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).matches("\\{\"pin\":\"[0-9]{4}\",\"expiresAt\":\"[^\"]+Z\"}");
        String expiresAt = response.body().replaceAll(".*\"expiresAt\":\"([^\"]+)\".*", "$1");
        assertThat(Instant.parse(expiresAt))
                .isEqualTo(server.clock().instant().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void withoutASessionThereIsNoPin() throws Exception {
        assertThat(post(WebPaths.API_SUPPORT_PIN, "application/json", "{}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(WebPaths.API_SUPPORT_PIN, "application/json", "{}", "__Host-sid=AAAAAAAAAAAAAAAAAAAAAA")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String cookie = signIn();
        var request = HttpRequest.newBuilder(URI.create(server.localUrl(WebPaths.API_SESSION)))
                .header("Cookie", cookie)
                .DELETE()
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        assertThat(post(WebPaths.API_SUPPORT_PIN, "application/json", "{}", cookie)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anIdleSessionExpiresAfter30Minutes() throws Exception {
        String cookie = signIn();
        server.clock().advance(Duration.ofMinutes(31));
        assertThat(post(WebPaths.API_SUPPORT_PIN, "application/json", "{}", cookie)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theHealthCheckAnswers200WhileTheDatabaseAnswers() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.localUrl(OpsPaths.HEALTH)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
