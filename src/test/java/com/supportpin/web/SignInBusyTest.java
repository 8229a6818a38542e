package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.console.ConsolePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.FullHashing;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every sign-in, customer and agent, form and JSON, answers 503 with Retry-After while the password-hashing
 * executor is full: without counting the attempt, without a database write and without computing a hash.
 * The executor is filled deterministically ({@link FullHashing} holds every place), so nothing here
 * depends on timing. Voice webhooks keep being answered meanwhile.
 */
class SignInBusyTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("HASHING_THREADS", "1", "HASHING_QUEUE", "1"));

    private static int accounts = 8100;

    private String account;
    private String email;

    @BeforeEach
    void addContactAndAgent() {
        account = String.valueOf(accounts++);
        email = "busy" + account + "@example.com";
        server.addContact(account, "Bea Busy", email, "correct horse 1");
        server.addAgent("Ann Agent", "ann" + account + "@support.example", account, "console pass 1", "482913");
    }

    @Test
    void theExecutorHoldsItsThreadsPlusItsQueue() {
        try (var full = FullHashing.fill(server.app().hashing().signIns())) {
            assertThat(full.places()).isEqualTo(2);
            assertThat(server.app().hashing().signIns().reserve()).isEmpty();
        }
        try (var slot = server.app().hashing().signIns().reserve().orElseThrow()) {
            assertThat(slot.call(() -> Thread.currentThread().getName())).startsWith("hash-sign-in-");
        }
    }

    @Test
    void theSignInFormAnswers503WithRetryAfterAndComputesNoHash() {
        var browser = new WebClient(server, "127.0.0.11");
        String csrf = browser.get(WebPaths.LOGIN).csrf();

        WebClient.Page busy = whileFull(() ->
                browser.postForm(WebPaths.LOGIN, Map.of("csrf", csrf, "email", email, "password", "correct horse 1")));

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).contains("1");
        assertThat(busy.body()).contains(SignInPage.BUSY).contains("role=\"alert\"");
        assertThat(browser.cookie("__Host-sid")).isEmpty();
        var signedIn = browser.postForm(
                WebPaths.LOGIN, Map.of("csrf", busy.csrf(), "email", email, "password", "correct horse 1"));
        assertThat(signedIn.status()).as("free again once the flood is over").isEqualTo(303);
    }

    @Test
    void theJsonSignInAnswers503WithRetryAfter() {
        var client = new WebClient(server, "127.0.0.12");
        String body = "{\"email\":\"" + email + "\",\"password\":\"correct horse 1\"}";

        WebClient.Page busy = whileFull(() -> client.postJson(WebPaths.API_SESSION, body));

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).contains("1");
        assertThat(busy.body()).contains("\"error\"").contains("busy");
        assertThat(client.postJson(WebPaths.API_SESSION, body).status()).isEqualTo(200);
    }

    @Test
    void theAgentConsoleSignInAnswers503WithRetryAfter() {
        var browser = new WebClient(server, "127.0.0.13");
        String csrf = browser.get(ConsolePaths.AGENT_CONSOLE).csrf();
        String agentEmail = "ann" + account + "@support.example";

        WebClient.Page busy = whileFull(() -> browser.postForm(
                ConsolePaths.AGENT_SIGN_IN, Map.of("csrf", csrf, "email", agentEmail, "password", "console pass 1")));

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).contains("1");
        assertThat(busy.body()).contains("very busy");
        var json = new WebClient(server, "127.0.0.13");
        WebClient.Page busyJson = whileFull(() -> json.postJson(
                ConsolePaths.API_AGENT_SESSION, "{\"email\":\"" + agentEmail + "\",\"password\":\"console pass 1\"}"));
        assertThat(busyJson.status()).isEqualTo(503);
        assertThat(busyJson.header("Retry-After")).contains("1");
    }

    @Test
    void callsAreVerifiedWhileSignInHashingIsFull() {
        var call = new FakeTwilio(server).call("+14155550177");
        try (var full = FullHashing.fill(server.app().hashing().signIns())) {
            String pin = server.generatePin(contactId());
            call.incoming();
            call.account(account);
            assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");
        }
    }

    /**
     * Sends {@code request} while every place of the sign-in executor is taken and checks that it computed
     * no hash and left no trace in the throttle; prints how long the refusal took.
     */
    private static WebClient.Page whileFull(Supplier<WebClient.Page> request) {
        var hashing = server.app().hashing().signIns();
        try (var full = FullHashing.fill(hashing)) {
            long hashesBefore = hashing.computed();
            long failuresBefore = failuresRecorded();
            long started = System.nanoTime();
            WebClient.Page page = request.get();
            long micros = (System.nanoTime() - started) / 1_000;
            System.out.printf(
                    "503 answered in %.1f ms with hashing full (%d places taken)%n", micros / 1000.0, full.places());
            assertThat(hashing.computed()).as("no hash computed").isEqualTo(hashesBefore);
            assertThat(failuresRecorded()).as("nothing counted").isEqualTo(failuresBefore);
            return page;
        }
    }

    private static long failuresRecorded() {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM sign_in_failure")
                        .mapTo(Long.class)
                        .one());
    }

    private long contactId() {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT id FROM contact WHERE email = :email")
                        .bind("email", email)
                        .mapTo(Long.class)
                        .one());
    }
}
