package com.supportpin.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.agent.Agents;
import com.supportpin.contact.Passwords;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import com.supportpin.web.WebPaths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent console's JSON and pages over HTTP, with callers placed by signed webhooks, and who may use them. */
class AgentConsoleApiTest {

    private static final String PASSCODE = "482913";
    private static final ObjectMapper json = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int codes = 4400;
    private static int accounts = 6400;

    private String code;
    private String email;
    private String password;
    private long agentId;
    /** The CSRF token of the last {@link #signedIn()} session. */
    private String csrf;

    @BeforeEach
    void addAgentAndEmptyTheQueues() {
        code = String.valueOf(codes++);
        email = "ann" + code + "@support.example";
        password = "console pass " + code;
        agentId = server.addAgent("Ann Agent", email, code, password, PASSCODE);
        server.jdbi()
                .useHandle(handle -> handle.execute("UPDATE queue_member SET left_at = now() WHERE left_at IS NULL"));
    }

    @Test
    void anAgentSignsInWithEmailAndConsolePasswordAndGetsACsrfToken() throws Exception {
        var web = new WebClient(server);

        var wrong = web.postJson(ConsolePaths.API_AGENT_SESSION, body("email", email, "password", "not it"));
        var right = web.postJson(ConsolePaths.API_AGENT_SESSION, body("email", email, "password", password));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        JsonNode answer = json.readTree(right.body());
        assertThat(answer.get("name").asText()).isEqualTo("Ann Agent");
        assertThat(answer.get("csrfToken").asText()).hasSize(22);
        assertThat(right.setCookies())
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("__Host-agent_sid=")
                        .contains("HttpOnly")
                        .contains("Secure")
                        .contains("SameSite=Strict"));
        assertThat(web.cookie("__Host-agent_sid")).isPresent();
        assertThat(web.cookie("__Host-sid")).isEmpty();
    }

    @Test
    void repeatedFailedAgentSignInsAreThrottledLikeCustomerSignIns() {
        var web = new WebClient(server, "127.0.0.9");
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(web.postJson(
                                    ConsolePaths.API_AGENT_SESSION,
                                    body("email", email, "password", "guess " + attempt))
                            .status())
                    .isEqualTo(401);
        }

        var throttled = web.postJson(ConsolePaths.API_AGENT_SESSION, body("email", email, "password", password));
        var page = web.postForm(
                ConsolePaths.AGENT_SIGN_IN,
                Map.of(
                        "email",
                        email,
                        "password",
                        password,
                        "csrf",
                        web.get(ConsolePaths.AGENT_CONSOLE).csrf()));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        assertThat(page.status()).isEqualTo(429);
        assertThat(web.cookie("__Host-agent_sid")).isEmpty();
    }

    @Test
    void theQueueShowsVerifiedCallersWithContactAndAccountAndUnverifiedOnesWithout() throws Exception {
        var verified = placeVerifiedCaller("Vera Verified");
        server.clock().advance(Duration.ofSeconds(90));
        placeUnverifiedCaller();
        var web = signedIn();

        JsonNode waiting =
                json.readTree(web.get(ConsolePaths.API_AGENT_QUEUE).body()).get("waiting");

        assertThat(waiting).hasSize(2);
        assertThat(waiting.get(0).get("verified").asBoolean()).isTrue();
        assertThat(waiting.get(0).get("contactName").asText()).isEqualTo("Vera Verified");
        assertThat(waiting.get(0).get("accountNumber").asText()).isEqualTo(verified.account());
        assertThat(waiting.get(0).get("waitingSeconds").asLong()).isEqualTo(90);
        assertThat(waiting.get(0).get("verificationText").asText()).startsWith("Verified by IVR PIN at 10:");
        assertThat(waiting.get(1).get("verified").asBoolean()).isFalse();
        assertThat(waiting.get(1).get("contactName").isNull()).isTrue();
        assertThat(waiting.get(1).get("verificationText").asText()).isEqualTo("UNVERIFIED");
    }

    @Test
    void aCallbackRequestFromHoldIsListedForAgents() throws Exception {
        var caller = placeUnverifiedCaller();
        caller.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "400"));
        caller.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));
        caller.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "leave", "QueueTime", "410"));
        var web = signedIn();

        JsonNode queue = json.readTree(web.get(ConsolePaths.API_AGENT_QUEUE).body());

        assertThat(queue.get("callbacks")).anySatisfy(request -> {
            assertThat(request.get("caller").asText()).isEqualTo("+14155550302");
            assertThat(request.get("state").asText()).isEqualTo("waiting");
            assertThat(request.get("identityText").asText()).isEqualTo("Unverified");
            assertThat(request.get("attempts").asInt()).isZero();
        });
        assertThat(queue.get("callbacksTotal").asLong()).isPositive();
        assertThat(queue.get("waiting"))
                .noneSatisfy(
                        waiting -> assertThat(waiting.get("callSid").asText()).isEqualTo(caller.callSid()));
    }

    @Test
    void theCurrentCallIsTheCallerBoundThroughDequeingCallSid() throws Exception {
        var web = signedIn();
        assertThat(json.readTree(web.get(ConsolePaths.API_AGENT_CURRENT_CALL).body())
                        .get("connected")
                        .asBoolean())
                .isFalse();
        var caller = placeVerifiedCaller("Vera Verified");
        var agentCall = twilio.agentCall("+14155550190");
        agentCall.signIn(code, PASSCODE);

        connect(caller.call(), agentCall);
        JsonNode current =
                json.readTree(web.get(ConsolePaths.API_AGENT_CURRENT_CALL).body());

        assertThat(current.get("connected").asBoolean()).isTrue();
        assertThat(current.get("verified").asBoolean()).isTrue();
        assertThat(current.get("contactName").asText()).isEqualTo("Vera Verified");
        assertThat(current.get("accountNumber").asText()).isEqualTo(caller.account());
        assertThat(current.get("verifiedAt").asText())
                .isEqualTo(server.clock().instant().toString());
        assertThat(current.get("verifiedBy").asText()).isEqualTo("ivr");
        assertThat(current.get("callSid").asText()).isEqualTo(caller.call().callSid());

        agentCall.dialEnded("completed");
        assertThat(json.readTree(web.get(ConsolePaths.API_AGENT_CURRENT_CALL).body())
                        .get("connected")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void anAgentVerifiesTheConnectedCallersPinWithTheSameConsumeAndAudit() throws Exception {
        String account = String.valueOf(accounts++);
        long contact =
                server.addContact(account, "Uma Unverified", "uma" + account + "@example.com", "correct horse 1");
        String pin = server.generatePin(contact);
        var caller = placeUnverifiedCaller();
        var agentCall = twilio.agentCall("+14155550191");
        agentCall.signIn(code, PASSCODE);
        connect(caller, agentCall);
        var web = signedIn();

        var noToken = web.postJson(ConsolePaths.API_AGENT_VERIFY, body("accountNumber", account, "pin", pin));
        var wrong = web.postJson(
                ConsolePaths.API_AGENT_VERIFY,
                body("accountNumber", account, "pin", other(pin)),
                Map.of(AgentApi.CSRF_HEADER, csrf));
        var right = web.postJson(
                ConsolePaths.API_AGENT_VERIFY,
                body("accountNumber", account, "pin", pin),
                Map.of(AgentApi.CSRF_HEADER, csrf));
        var again = web.postJson(
                ConsolePaths.API_AGENT_VERIFY,
                body("accountNumber", account, "pin", pin),
                Map.of(AgentApi.CSRF_HEADER, csrf));

        assertThat(noToken.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(right.status()).isEqualTo(200);
        JsonNode verified = json.readTree(right.body());
        assertThat(verified.get("verified").asBoolean()).isTrue();
        assertThat(verified.get("verifiedBy").asText()).isEqualTo("agent");
        assertThat(verified.get("verifiedByAgent").asText()).isEqualTo("Ann Agent");
        assertThat(verified.get("contactName").asText()).isEqualTo("Uma Unverified");
        assertThat(verified.get("verificationText").asText())
                .isEqualTo("Verified by agent Ann Agent at "
                        + server.clock().instant().toString().substring(11, 16) + " UTC");
        assertThat(again.status()).isEqualTo(409);
        assertThat(right.body()).doesNotContain(pin);

        var attempts = server.jdbi()
                .withHandle(handle -> handle.createQuery("""
                SELECT outcome, channel, agent_id, call_sid FROM verification_attempt
                 WHERE account_entered = :account ORDER BY id""")
                        .bind("account", account)
                        .mapToMap()
                        .list());
        assertThat(attempts).extracting(row -> row.get("outcome")).containsExactly("wrong_pin", "verified");
        assertThat(attempts).allSatisfy(row -> {
            assertThat(row.get("channel")).isEqualTo("agent");
            assertThat(row.get("agent_id")).isEqualTo(agentId);
            assertThat(row.get("call_sid")).isEqualTo(caller.callSid());
        });
        var usedBy = server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT used_by_call_sid FROM support_pin WHERE contact_id = :contact")
                        .bind("contact", contact)
                        .mapTo(String.class)
                        .one());
        assertThat(usedBy).isEqualTo(caller.callSid());
    }

    @Test
    void withNoCallerConnectedAVerificationConsumesNothing() throws Exception {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Nia Nobody", "nia" + account + "@example.com", "correct horse 1");
        String pin = server.generatePin(contact);
        var web = signedIn();

        var reply = web.postJson(
                ConsolePaths.API_AGENT_VERIFY,
                body("accountNumber", account, "pin", pin),
                Map.of(AgentApi.CSRF_HEADER, csrf));

        assertThat(reply.status()).isEqualTo(409);
        var caller = twilio.call("+14155550320");
        caller.incoming();
        caller.account(account);
        assertThat(Twiml.text(caller.pin(pin).body(), "Enqueue")).isEqualTo("support");
    }

    @Test
    void anonymousVisitorsGetNothingFromAnyAgentRoute() {
        var web = new WebClient(server);
        assertEveryAgentRouteRefuses(web);
    }

    @Test
    void aSignedInCustomerGetsNothingFromAnyAgentRouteEvenWithTheirSessionIdInTheAgentCookie() {
        String account = String.valueOf(accounts++);
        server.addContact(account, "Cat Customer", "cat" + account + "@example.com", "correct horse 9");
        var web = new WebClient(server);
        var signIn = web.postJson(
                WebPaths.API_SESSION, body("email", "cat" + account + "@example.com", "password", "correct horse 9"));
        assertThat(signIn.status()).isEqualTo(200);

        assertEveryAgentRouteRefuses(web);
        String customerSession = web.cookie("__Host-sid").orElseThrow();
        web.setCookie("__Host-agent_sid", customerSession);
        web.setCookie("agent_sid", customerSession);
        assertEveryAgentRouteRefuses(web);
    }

    @Test
    void signingOutOrBeingDisabledEndsTheAgentSession() {
        var api = signedIn();
        assertThat(api.delete(ConsolePaths.API_AGENT_SESSION).status()).isEqualTo(204);
        assertThat(api.get(ConsolePaths.API_AGENT_QUEUE).status()).isEqualTo(401);

        var browser = new WebClient(server);
        browser.postForm(
                ConsolePaths.AGENT_SIGN_IN,
                Map.of(
                        "email",
                        email,
                        "password",
                        password,
                        "csrf",
                        browser.get(ConsolePaths.AGENT_CONSOLE).csrf()));
        var console = browser.get(ConsolePaths.AGENT_CONSOLE);
        assertThat(console.status()).isEqualTo(200);
        assertThat(browser.postForm(ConsolePaths.AGENT_SIGN_OUT, Map.of("csrf", "wrong"))
                        .status())
                .isEqualTo(403);
        assertThat(browser.postForm(ConsolePaths.AGENT_SIGN_OUT, Map.of("csrf", console.csrf()))
                        .status())
                .isEqualTo(303);
        assertThat(browser.get(ConsolePaths.AGENT_CONSOLE).status()).isEqualTo(401);

        var disabled = signedIn();
        new Agents(server.jdbi(), new Passwords(), server.clock()).disable(code);
        assertThat(disabled.get(ConsolePaths.API_AGENT_CURRENT_CALL).status()).isEqualTo(401);
        assertThat(new WebClient(server)
                        .postJson(ConsolePaths.API_AGENT_SESSION, body("email", email, "password", password))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anAgentSessionCannotGenerateCustomerPins() {
        var web = signedIn();

        var reply = web.postJson(WebPaths.API_SUPPORT_PIN, "{}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain("pin\":");
    }

    @Test
    void theConsolePageNeedsTheLoginTokenThenShowsTheAgentWithStrictHeaders() {
        var web = new WebClient(server);
        var form = web.get(ConsolePaths.AGENT_CONSOLE);
        assertThat(form.status()).isEqualTo(401);
        assertThat(form.header("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        String loginToken = form.csrf();

        var forged = new WebClient(server)
                .postForm(ConsolePaths.AGENT_SIGN_IN, Map.of("email", email, "password", password, "csrf", loginToken));
        var wrong = web.postForm(
                ConsolePaths.AGENT_SIGN_IN, Map.of("email", email, "password", "nope nope", "csrf", loginToken));
        var signedIn = web.postForm(
                ConsolePaths.AGENT_SIGN_IN, Map.of("email", email, "password", password, "csrf", wrong.csrf()));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong e-mail or password.");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).contains(ConsolePaths.AGENT_CONSOLE);
        var console = web.get(ConsolePaths.AGENT_CONSOLE);
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body())
                .contains("Ann Agent")
                .contains("src=\"" + ConsolePaths.AGENT_CONSOLE_SCRIPT + "\"")
                .doesNotContain("<script>");
        assertThat(web.postForm(ConsolePaths.AGENT_VERIFY, Map.of("accountNumber", "1", "pin", "1234"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void namesOnTheConsoleAreHtmlEscaped() {
        placeVerifiedCaller("<img src=x onerror=alert(1)>");
        var web = new WebClient(server);
        String token = web.get(ConsolePaths.AGENT_CONSOLE).csrf();
        web.postForm(ConsolePaths.AGENT_SIGN_IN, Map.of("email", email, "password", password, "csrf", token));

        String page = web.get(ConsolePaths.AGENT_CONSOLE).body();

        assertThat(page).contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;").doesNotContain("<img");
    }

    // --- helpers ---

    private void assertEveryAgentRouteRefuses(WebClient web) {
        var replies = Map.of(
                "GET " + ConsolePaths.AGENT_CONSOLE, web.get(ConsolePaths.AGENT_CONSOLE),
                "POST " + ConsolePaths.AGENT_VERIFY,
                        web.postForm(
                                ConsolePaths.AGENT_VERIFY, Map.of("accountNumber", "1", "pin", "1234", "csrf", "x")),
                "POST " + ConsolePaths.AGENT_SIGN_OUT, web.postForm(ConsolePaths.AGENT_SIGN_OUT, Map.of("csrf", "x")),
                "GET " + ConsolePaths.API_AGENT_QUEUE, web.get(ConsolePaths.API_AGENT_QUEUE),
                "GET " + ConsolePaths.API_AGENT_CURRENT_CALL, web.get(ConsolePaths.API_AGENT_CURRENT_CALL),
                "POST " + ConsolePaths.API_AGENT_VERIFY,
                        web.postJson(
                                ConsolePaths.API_AGENT_VERIFY,
                                body("accountNumber", "1", "pin", "1234"),
                                Map.of(AgentApi.CSRF_HEADER, "x")));
        replies.forEach((route, reply) -> {
            assertThat(reply.status()).as(route).isIn(401, 403);
            assertThat(reply.body()).as(route).doesNotContain("Signed in as").doesNotContain("\"waiting\"");
        });
    }

    private WebClient signedIn() {
        var web = new WebClient(server);
        var reply = web.postJson(ConsolePaths.API_AGENT_SESSION, body("email", email, "password", password));
        assertThat(reply.status()).isEqualTo(200);
        try {
            csrf = json.readTree(reply.body()).get("csrfToken").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return web;
    }

    record PlacedCaller(FakeTwilio.Call call, String account) {}

    private PlacedCaller placeVerifiedCaller(String name) {
        String account = String.valueOf(accounts++);
        return new PlacedCaller(twilio.verifiedCaller(server, account, name, "+14155550301"), account);
    }

    private FakeTwilio.Call placeUnverifiedCaller() {
        return twilio.unverifiedCaller("+14155550302");
    }

    private static void connect(FakeTwilio.Call caller, FakeTwilio.AgentCall agent) {
        caller.dequeuedBy(agent, 30);
    }

    private static String body(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        try {
            return json.writeValueAsString(map);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String other(String pin) {
        for (String candidate : List.of("0000", "1111", "2222")) {
            if (!candidate.equals(pin)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
