package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.console.ConsolePaths;
import com.supportpin.ops.OpsPaths;
import com.supportpin.support.TestServer;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every HTML route, customer and agent console alike, signed in and not, sends the same security headers
 * and only cookies with the same protections (HttpOnly, Secure, the __Host- prefix, Path=/, SameSite, no
 * Domain). The routes come from the running server's own table, so a page added later is covered or this
 * test fails.
 */
class HtmlRouteHeadersTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Map<String, String> EXPECTED_HEADERS = expectedHeaders();

    @Test
    void everyHtmlRouteSendsTheSameSecurityHeadersAndSafeCookies() {
        server.addContact("4242", "Dana Example", "dana@example.com", "correct horse 4");
        server.addAgent("Ann Agent", "ann@support.example", "4711", "console pass 4711", "482913");
        var signedIn = new WebClient(server, "127.0.0.31");
        assertThat(signedIn.signIn("dana@example.com", "correct horse 4").status())
                .isEqualTo(303);
        String agentLoginToken = signedIn.get(ConsolePaths.AGENT_CONSOLE).csrf();
        assertThat(signedIn.postForm(
                                ConsolePaths.AGENT_SIGN_IN,
                                Map.of(
                                        "csrf",
                                        agentLoginToken,
                                        "email",
                                        "ann@support.example",
                                        "password",
                                        "console pass 4711"))
                        .status())
                .isEqualTo(303);
        String customerToken = signedIn.get(WebPaths.SUPPORT_PIN).csrf();
        String agentToken = signedIn.get(ConsolePaths.AGENT_CONSOLE).csrf();
        var anonymous = new WebClient(server, "127.0.0.32");
        String anonymousToken = anonymous.get(WebPaths.LOGIN).csrf();

        var visited = new TreeSet<String>();
        var setCookies = new ArrayList<String>();
        for (WebClient client : List.of(anonymous, signedIn)) {
            boolean withSession = client == signedIn;
            String loginToken = withSession ? anonymous.get(WebPaths.LOGIN).csrf() : anonymousToken;
            var requests = new LinkedHashMap<String, Runnable>();
            requests.put("GET " + WebPaths.ROOT, () -> check(client.get(WebPaths.ROOT), setCookies));
            requests.put("GET " + WebPaths.LOGIN, () -> check(client.get(WebPaths.LOGIN), setCookies));
            requests.put(
                    "POST " + WebPaths.LOGIN,
                    () -> check(
                            client.postForm(
                                    WebPaths.LOGIN,
                                    Map.of("csrf", loginToken, "email", "dana@example.com", "password", "not it")),
                            setCookies));
            requests.put("GET " + WebPaths.SUPPORT_PIN, () -> check(client.get(WebPaths.SUPPORT_PIN), setCookies));
            requests.put(
                    "POST " + WebPaths.SUPPORT_PIN,
                    () -> check(client.postForm(WebPaths.SUPPORT_PIN, Map.of("csrf", customerToken)), setCookies));
            requests.put(
                    "GET " + ConsolePaths.AGENT_CONSOLE,
                    () -> check(client.get(ConsolePaths.AGENT_CONSOLE), setCookies));
            requests.put(
                    "POST " + ConsolePaths.AGENT_VERIFY,
                    () -> check(
                            client.postForm(
                                    ConsolePaths.AGENT_VERIFY,
                                    Map.of("csrf", agentToken, "accountNumber", "4242", "pin", "0000")),
                            setCookies));
            requests.put(
                    "POST " + ConsolePaths.AGENT_SIGN_IN,
                    () -> check(
                            client.postForm(
                                    ConsolePaths.AGENT_SIGN_IN,
                                    Map.of("csrf", loginToken, "email", "ann@support.example", "password", "not it")),
                            setCookies));
            for (String action : List.of(ConsolePaths.CALLBACK_HANDLED, ConsolePaths.CALLBACK_CANCEL)) {
                requests.put(
                        "POST " + ConsolePaths.AGENT_CALLBACKS + action,
                        () -> check(
                                client.postForm(
                                        ConsolePaths.AGENT_CALLBACKS + action.replace(":id", "999999"),
                                        Map.of("csrf", agentToken)),
                                setCookies));
            }
            requests.put(
                    "POST " + ConsolePaths.AGENT_SIGN_OUT,
                    () -> check(client.postForm(ConsolePaths.AGENT_SIGN_OUT, Map.of("csrf", agentToken)), setCookies));
            requests.put(
                    "POST " + WebPaths.LOGOUT,
                    () -> check(client.postForm(WebPaths.LOGOUT, Map.of("csrf", customerToken)), setCookies));
            requests.forEach((route, request) -> {
                request.run();
                visited.add(route);
            });
        }

        assertThat(visited).as("every HTML route of the route table").containsAll(htmlRoutes());
        assertThat(setCookies)
                .as("sign-in nonces and sessions were set")
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(cookie -> assertThat(cookie)
                        .startsWith("__Host-")
                        .contains("; Path=/", "; HttpOnly", "; Secure")
                        .containsPattern("; SameSite=(Lax|Strict)")
                        .doesNotContainIgnoringCase("Domain="));
        assertThat(setCookies)
                .anySatisfy(cookie -> assertThat(cookie).startsWith("__Host-agent_sid="))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("__Host-sid="));
    }

    private static void check(WebClient.Page page, List<String> setCookies) {
        EXPECTED_HEADERS.forEach((name, value) -> assertThat(page.header(name))
                .as(name + " (status " + page.status() + ")")
                .contains(value));
        setCookies.addAll(page.setCookies());
    }

    /** The HTML routes: everything but the voice webhooks, the JSON API, static files, health and metrics. */
    private static Set<String> htmlRoutes() {
        var routes = new TreeSet<String>();
        server.app().routes().stream()
                .filter(route -> !route.path().startsWith(VoicePaths.VOICE + "/")
                        && !route.path().startsWith("/api/")
                        && !route.path().startsWith("/static/")
                        && !route.path().equals(OpsPaths.HEALTH)
                        && !route.path().equals(OpsPaths.METRICS))
                .forEach(route -> routes.add(route.method() + " " + route.path()));
        return routes;
    }

    private static Map<String, String> expectedHeaders() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        headers.put("Strict-Transport-Security", "max-age=31536000");
        headers.put("Cache-Control", "no-store");
        return headers;
    }
}
