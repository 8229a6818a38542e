package com.supportpin.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Open callbacks in the agent console: paged with the total (no silent cap), closed by agents, audited. */
class CallbackConsoleTest {

    private static final ObjectMapper json = new ObjectMapper();
    private static final String PASSCODE = "482913";
    private static final String EMAIL = "cleo@support.example";
    private static final String PASSWORD = "console pass cleo";
    private static final int OPEN = 30;

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static long agentId;

    @BeforeAll
    static void thirtyCallersAskForACallback() {
        agentId = server.addAgent("Cleo Console", EMAIL, "8801", PASSWORD, PASSCODE);
        for (int i = 0; i < OPEN; i++) {
            var call = twilio.call(String.format("+1415556%04d", i));
            call.incoming();
            call.account("*");
            call.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "400"));
            call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));
            call.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "leave", "QueueTime", "400"));
        }
    }

    @Test
    void everyOpenCallbackIsOnAPageAndTheTotalIsAlwaysShown() throws Exception {
        var web = signedIn();

        JsonNode first = json.readTree(web.get(ConsolePaths.API_AGENT_CALLBACKS).body());
        JsonNode second = json.readTree(
                web.get(ConsolePaths.API_AGENT_CALLBACKS + "?page=2").body());
        JsonNode past = json.readTree(
                web.get(ConsolePaths.API_AGENT_CALLBACKS + "?page=3").body());

        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(OPEN - 2);
        assertThat(first.get("callbacks")).hasSize(25);
        assertThat(first.get("pages").asInt()).isEqualTo(2);
        assertThat(second.get("callbacks")).hasSize((int) total - 25);
        assertThat(past.get("callbacks")).isEmpty();
        assertThat(past.get("total").asLong()).isEqualTo(total);
        JsonNode row = StreamSupport.stream(first.get("callbacks").spliterator(), false)
                .filter(callback -> callback.get("state").asText().equals("waiting"))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("attempts").asInt()).isZero();
        assertThat(row.get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(row.get("identityText").asText()).isEqualTo("Unverified");
        assertThat(row.get("lastResult").isNull()).isTrue();
        assertThat(web.get(ConsolePaths.API_AGENT_CALLBACKS + "?page=zero").status())
                .isEqualTo(400);
        String page = web.get(ConsolePaths.AGENT_CONSOLE + "?callbackPage=2").body();
        assertThat(page).contains("Page 2 of 2 (" + total + " open)").contains("Previous page");
    }

    @Test
    void agentsMarkACallbackHandledOrCancelItAndEveryChangeIsAuditedWithTheirId() throws Exception {
        var web = signedIn();
        List<Long> ids = openIds(web);

        var handled = web.postJson(
                ConsolePaths.API_AGENT_CALLBACKS + "/" + ids.get(0) + "/handled", "{}", Map.of("X-CSRF-Token", csrf));
        var again = web.postJson(
                ConsolePaths.API_AGENT_CALLBACKS + "/" + ids.get(0) + "/cancel", "{}", Map.of("X-CSRF-Token", csrf));
        var noToken = web.postJson(ConsolePaths.API_AGENT_CALLBACKS + "/" + ids.get(1) + "/cancel", "{}");
        var unknown =
                web.postJson(ConsolePaths.API_AGENT_CALLBACKS + "/999999/cancel", "{}", Map.of("X-CSRF-Token", csrf));
        var form = web.postForm(ConsolePaths.AGENT_CALLBACKS + "/" + ids.get(1) + "/cancel", Map.of("csrf", csrf));
        var stranger = new WebClient(server)
                .postJson(
                        ConsolePaths.API_AGENT_CALLBACKS + "/" + ids.get(2) + "/cancel",
                        "{}",
                        Map.of("X-CSRF-Token", csrf));

        assertThat(handled.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(form.status()).isEqualTo(303);
        assertThat(form.header("Location")).contains("/agent?callback=closed");
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stateAndCloser(ids.get(0))).isEqualTo("handled by " + agentId);
        assertThat(stateAndCloser(ids.get(1))).isEqualTo("cancelled by " + agentId);
        assertThat(stateAndCloser(ids.get(2))).isEqualTo("waiting by nobody");
        assertThat(lastEvent(ids.get(0))).isEqualTo("handled by " + agentId);
        assertThat(lastEvent(ids.get(1))).isEqualTo("cancelled by " + agentId);
        assertThat(web.get(ConsolePaths.AGENT_CONSOLE + "?callback=closed").body())
                .contains("The callback is closed.");
    }

    @Test
    void aCallbackBeingCalledRightNowCannotBeClosedFromTheConsole() throws Exception {
        var agent = twilio.agentCall("+14155550190");
        agent.signIn("8801", PASSCODE);
        agent.post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of("Digits", "1"));
        long calling = server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT id FROM callback_request WHERE state = 'calling'")
                        .mapTo(Long.class)
                        .one());
        var web = signedIn();

        var refused = web.postJson(
                ConsolePaths.API_AGENT_CALLBACKS + "/" + calling + "/handled", "{}", Map.of("X-CSRF-Token", csrf));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("calling this customer right now");
    }

    // --- helpers ---

    private String csrf;

    private WebClient signedIn() throws Exception {
        var web = new WebClient(server);
        var signIn = web.postJson(
                ConsolePaths.API_AGENT_SESSION, "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}");
        csrf = json.readTree(signIn.body()).get("csrfToken").asText();
        return web;
    }

    private static List<Long> openIds(WebClient web) throws Exception {
        JsonNode page = json.readTree(web.get(ConsolePaths.API_AGENT_CALLBACKS).body());
        return StreamSupport.stream(page.get("callbacks").spliterator(), false)
                .filter(row -> row.get("state").asText().equals("waiting"))
                .map(row -> row.get("id").asLong())
                .toList();
    }

    private static String stateAndCloser(long id) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT state || ' by ' || COALESCE(CAST(closed_by AS text), 'nobody') FROM callback_request WHERE id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
    }

    private static String lastEvent(long id) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("""
                SELECT event || ' by ' || COALESCE(CAST(agent_id AS text), 'nobody') FROM callback_event
                 WHERE callback_id = :id ORDER BY id DESC LIMIT 1""")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
    }
}
