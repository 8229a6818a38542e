package com.supportpin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.contact.Passwords;
import com.supportpin.retention.PurgeKind;
import com.supportpin.support.ApiClient;
import com.supportpin.support.ApiContract;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.OperatorCli;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import com.supportpin.web.WebPaths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account center's backend driving {@code /api/v1} against the real server and PostgreSQL: every request
 * and answer held against the OpenAPI 3.1 document by {@link ApiClient}.
 */
class AccountCenterApiTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final ApiContract contract = ApiContract.load();
    private static final ObjectMapper json = new ObjectMapper();
    private static final AtomicInteger accounts = new AtomicInteger(7100);
    private static ApiClient api;

    @BeforeAll
    static void createKey() {
        api = new ApiClient(server, contract, OperatorCli.createApiKey(server, "account-center"));
    }

    private static long count(String sql) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static String contactBody(String account, String name, String email) {
        return "{\"accountNumber\":\"" + account + "\",\"name\":\"" + name + "\",\"email\":\"" + email
                + "\",\"phone\":\"+14155550100\"}";
    }

    @Test
    void aPutCreatesTheContactThenUpdatesItAndRepeatingItChangesNothing() throws Exception {
        String account = String.valueOf(accounts.incrementAndGet());
        var created = api.put("/api/v1/contacts/acme-1", contactBody(account, "Ann Example", "ann@example.com"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(json.readTree(created.body()).path("status").asText()).isEqualTo("active");
        assertThat(json.readTree(created.body()).path("hasPassword").asBoolean())
                .isFalse();

        var again = api.put("/api/v1/contacts/acme-1", contactBody(account, "Ann Example", "ann@example.com"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(json.readTree(again.body())).isEqualTo(json.readTree(created.body()));

        var renamed = api.put("/api/v1/contacts/acme-1", contactBody(account, "Ann Renamed", "ann.new@example.com"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(json.readTree(renamed.body()).path("name").asText()).isEqualTo("Ann Renamed");
        assertThat(count("SELECT count(*) FROM contact WHERE external_id = 'acme-1'"))
                .isEqualTo(1L);
    }

    @Test
    void anExternalIdWithReservedCharactersTravelsPercentEncoded() throws Exception {
        var created = api.put(
                "/api/v1/contacts/auth0%7C42",
                contactBody(String.valueOf(accounts.incrementAndGet()), "Pipe Example", "pipe@example.com"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(json.readTree(created.body()).path("externalId").asText()).isEqualTo("auth0|42");
        assertThat(count("SELECT count(*) FROM contact WHERE external_id = 'auth0|42'"))
                .isEqualTo(1L);
    }

    @Test
    void aContactWithAPasswordHashSignsInWithThatPassword() {
        String account = String.valueOf(accounts.incrementAndGet());
        String hash = new Passwords().hash("correct horse 77");
        var created = api.put(
                "/api/v1/contacts/acme-pw",
                "{\"accountNumber\":\"" + account
                        + "\",\"name\":\"Pat\",\"email\":\"pat@example.com\",\"passwordHash\":\"" + hash + "\"}");
        assertThat(created.status()).isEqualTo(201);

        assertThat(new WebClient(server)
                        .postJson(
                                WebPaths.API_SESSION,
                                "{\"email\":\"pat@example.com\",\"password\":\"correct horse 77\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void fieldErrorsGetOneReasonEachAndTheDocumentForbidsThemToo() throws Exception {
        var answer = api.breaking()
                .put(
                        "/api/v1/contacts/acme-bad",
                        "{\"accountNumber\":\"12ab\",\"name\":\"\",\"email\":\"not-an-email\",\"phone\":\"555\","
                                + "\"passwordHash\":\"plain\",\"colour\":\"red\"}");

        assertThat(answer.status()).isEqualTo(422);
        JsonNode fields = json.readTree(answer.body()).path("fields");
        assertThat(fields.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("accountNumber", "name", "email", "phone", "passwordHash", "colour");
        assertThat(fields.path("email").asText()).isEqualTo("e-mail address is not valid");
        assertThat(api.breaking()
                        .put(
                                "/api/v1/contacts/acme-bad",
                                "{\"accountNumber\":1001,\"name\":\"N\"," + "\"email\":\"n@example.com\"}")
                        .status())
                .isEqualTo(422);
        assertThat(api.breaking().put("/api/v1/contacts/acme-bad", "[]").status())
                .isEqualTo(400);
        assertThat(api.breaking()
                        .send("PUT", "/api/v1/contacts/acme-bad", "text/plain", "hello")
                        .status())
                .isEqualTo(415);
    }

    @Test
    void anEmailOfAContactTheAccountCenterKnowsByAnotherIdIsAConflict() {
        String account = String.valueOf(accounts.incrementAndGet());
        assertThat(api.put("/api/v1/contacts/acme-bea", contactBody(account, "Bea", "bea@example.com"))
                        .status())
                .isEqualTo(201);

        var answer = api.put("/api/v1/contacts/acme-other", contactBody(account, "Someone Else", "BEA@example.com"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body()).contains("belongs to another contact");
        assertThat(count("SELECT count(*) FROM contact WHERE external_id = 'acme-other'"))
                .isZero();
    }

    @Test
    void aContactImportedWithoutAnExternalIdIsLinkedByItsEmailAndKeepsItsPasswordAndHistory() throws Exception {
        String account = String.valueOf(accounts.incrementAndGet());
        long imported = server.addContact(account, "Ida Imported", "ida@example.com", "correct horse 21");
        server.generatePin(imported);

        var linked = api.put("/api/v1/contacts/acme-ida", contactBody(account, "Ida Imported", "IDA@example.com"));

        assertThat(linked.status()).isEqualTo(200);
        assertThat(json.readTree(linked.body()).path("hasPassword").asBoolean()).isTrue();
        long id = server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT id FROM contact WHERE external_id = 'acme-ida'")
                        .mapTo(Long.class)
                        .one());
        assertThat(id).as("the same contact, not a new one").isEqualTo(imported);
        assertThat(count("SELECT count(*) FROM support_pin WHERE contact_id = " + imported))
                .isEqualTo(1L);
        assertThat(new WebClient(server)
                        .postJson(
                                WebPaths.API_SESSION,
                                "{\"email\":\"ida@example.com\",\"password\":\"correct horse 21\"}")
                        .status())
                .as("the imported password still signs in")
                .isEqualTo(200);
        assertThat(api.put("/api/v1/contacts/acme-ida", contactBody(account, "Ida Imported", "ida@example.com"))
                        .status())
                .as("from then on an ordinary update")
                .isEqualTo(200);
    }

    @Test
    void theApisPinVerifiesACallAndItsStateFollowsWithoutDigits() throws Exception {
        String account = String.valueOf(accounts.incrementAndGet());
        api.put("/api/v1/contacts/acme-pin", contactBody(account, "Cy", "cy@example.com"));
        assertThat(json.readTree(
                                api.get("/api/v1/contacts/acme-pin/support-pin").body())
                        .path("state")
                        .asText())
                .isEqualTo("none");

        var first = api.post("/api/v1/contacts/acme-pin/support-pin");
        var issued = api.post("/api/v1/contacts/acme-pin/support-pin");
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        String pin = json.readTree(issued.body()).path("pin").asText();
        String replaced = json.readTree(first.body()).path("pin").asText();
        var state = api.get("/api/v1/contacts/acme-pin/support-pin");
        assertThat(json.readTree(state.body()).path("state").asText()).isEqualTo("active");
        assertThat(json.readTree(state.body()).path("expiresAt").asText()).isEqualTo("2026-11-26T11:30:00Z");
        assertThat(state.body()).doesNotContain(pin);

        if (!replaced.equals(pin)) {
            var stale = new FakeTwilio(server).call("+14155550171");
            stale.incoming();
            stale.account(account);
            assertThat(Twiml.text(stale.pin(replaced).body(), "Enqueue")).isNull();
        }
        var call = new FakeTwilio(server).call("+14155550172");
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");

        var used =
                json.readTree(api.get("/api/v1/contacts/acme-pin/support-pin").body());
        assertThat(used.path("state").asText()).isEqualTo("used");
        assertThat(used.has("usedAt")).isTrue();
    }

    @Test
    void aDisabledContactLosesItsPinItsSessionsAndItsSignInButKeepsItsHistory() throws Exception {
        String account = String.valueOf(accounts.incrementAndGet());
        String hash = new Passwords().hash("correct horse 55");
        api.put(
                "/api/v1/contacts/acme-gone",
                "{\"accountNumber\":\"" + account
                        + "\",\"name\":\"Dee\",\"email\":\"dee@example.com\",\"passwordHash\":\"" + hash + "\"}");
        var browser = new WebClient(server);
        assertThat(browser.signIn("dee@example.com", "correct horse 55").status())
                .isEqualTo(303);
        String pin = json.readTree(
                        api.post("/api/v1/contacts/acme-gone/support-pin").body())
                .path("pin")
                .asText();

        assertThat(api.delete("/api/v1/contacts/acme-gone").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/contacts/acme-gone").status()).isEqualTo(204);

        var call = new FakeTwilio(server).call("+14155550173");
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isNull();
        assertThat(browser.get(WebPaths.SUPPORT_PIN).header("Location")).contains(WebPaths.LOGIN);
        assertThat(new WebClient(server)
                        .postJson(
                                WebPaths.API_SESSION,
                                "{\"email\":\"dee@example.com\",\"password\":\"correct horse 55\"}")
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/contacts/acme-gone/support-pin").status()).isEqualTo(409);
        assertThat(json.readTree(api.get("/api/v1/contacts/acme-gone/support-pin")
                                .body())
                        .path("state")
                        .asText())
                .isEqualTo("cancelled");
        assertThat(count("SELECT count(*) FROM support_pin p JOIN contact c ON c.id = p.contact_id"
                        + " WHERE c.external_id = 'acme-gone'"))
                .isEqualTo(1L);

        var back = api.put("/api/v1/contacts/acme-gone", contactBody(account, "Dee", "dee@example.com"));
        assertThat(json.readTree(back.body()).path("status").asText()).isEqualTo("active");
        assertThat(api.delete("/api/v1/contacts/nobody-here").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/contacts/nobody-here/support-pin").status())
                .isEqualTo(404);
    }

    @Test
    void aContactDisabledWhileItsGenerateRequestRunsIsSignedOutNotAnError() throws Exception {
        String account = String.valueOf(accounts.incrementAndGet());
        String hash = new Passwords().hash("correct horse 66");
        api.put(
                "/api/v1/contacts/acme-race",
                "{\"accountNumber\":\"" + account
                        + "\",\"name\":\"Rae\",\"email\":\"rae@example.com\",\"passwordHash\":\"" + hash + "\"}");
        var page = new WebClient(server);
        assertThat(page.signIn("rae@example.com", "correct horse 66").status()).isEqualTo(303);
        String csrf = page.get(WebPaths.SUPPORT_PIN).csrf();
        var program = new WebClient(server);
        assertThat(program.postJson(
                                WebPaths.API_SESSION,
                                "{\"email\":\"rae@example.com\",\"password\":\"correct horse 66\"}")
                        .status())
                .isEqualTo(200);

        var pool = Executors.newFixedThreadPool(2);
        try (var disabler = DriverManager.getConnection(server.databaseUrl())) {
            // The disable is in flight: both requests find their session, then wait on the contact's row.
            disabler.setAutoCommit(false);
            try (var disable = disabler.prepareStatement(
                    "UPDATE contact SET disabled_at = now() WHERE external_id = 'acme-race'")) {
                assertThat(disable.executeUpdate()).isEqualTo(1);
            }
            var form = pool.submit(() -> page.postForm(WebPaths.SUPPORT_PIN, Map.of("csrf", csrf)));
            var json = pool.submit(() -> program.postJson(WebPaths.API_SUPPORT_PIN, ""));
            awaitWaitingOnLocks(disabler, 2);
            disabler.commit();

            var formAnswer = form.get(30, TimeUnit.SECONDS);
            assertThat(formAnswer.status()).isEqualTo(303);
            assertThat(formAnswer.header("Location")).contains(WebPaths.LOGIN);
            assertThat(json.get(30, TimeUnit.SECONDS).status()).isEqualTo(401);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM support_pin p JOIN contact c ON c.id = p.contact_id"
                        + " WHERE c.external_id = 'acme-race'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM web_session s JOIN contact c ON c.id = s.contact_id"
                        + " WHERE c.external_id = 'acme-race'"))
                .isZero();
    }

    private static void awaitWaitingOnLocks(Connection connection, int sessions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var waiting = connection
                    .createStatement()
                    .executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
                waiting.next();
                if (waiting.getInt(1) >= sessions) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(sessions + " requests never waited on the contact being disabled");
    }

    @Test
    void noKeyAnUnknownKeyAndARevokedKeyGet401AndEveryCallIsAuditedByName() {
        String key = OperatorCli.createApiKey(server, "short-lived");
        var client = api.withKey(key);
        assertThat(client.get("/api/v1/contacts/x/support-pin").status()).isEqualTo(404);

        assertThat(api.withKey(null).get("/api/v1/contacts/x/support-pin").status())
                .isEqualTo(401);
        assertThat(api.withKey("spk_0000000000000000_" + "A".repeat(43))
                        .get("/api/v1/contacts/x/support-pin")
                        .header("WWW-Authenticate"))
                .contains("Bearer");
        String forged = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        assertThat(api.withKey(forged).get("/api/v1/contacts/x/support-pin").status())
                .isEqualTo(401);

        var listed = OperatorCli.run(server, "apikey", "list");
        assertThat(listed.out()).contains("short-lived", "live").doesNotContain(key);
        assertThat(OperatorCli.run(server, "apikey", "revoke", "--name", "short-lived")
                        .exitCode())
                .isZero();
        assertThat(client.get("/api/v1/contacts/x/support-pin").status()).isEqualTo(401);
        assertThat(OperatorCli.run(server, "apikey", "create", "--name", "short-lived")
                        .exitCode())
                .isEqualTo(1);

        List<Map<String, Object>> audit = server.jdbi()
                .withHandle(
                        handle -> handle.createQuery("SELECT key_name, method, path, status FROM api_call ORDER BY id")
                                .mapToMap()
                                .list());
        assertThat(audit)
                .anySatisfy(row ->
                        assertThat(row).containsEntry("key_name", "short-lived").containsEntry("status", 404));
        assertThat(audit)
                .anySatisfy(
                        row -> assertThat(row).containsEntry("key_name", null).containsEntry("status", 401));
        assertThat(audit.toString()).doesNotContain(key.substring(4));
    }

    @Test
    void theDocumentIsServedAsShippedAndCoversEveryApiRoute() {
        assertThat(new WebClient(server).get(ApiV1.OPENAPI).body()).isEqualTo(ApiContract.documentText());
        List<String> routes = server.app().routes().stream()
                .filter(route -> route.path().startsWith(ApiV1.BASE))
                .map(route -> route.method() + " " + route.path().replaceAll(":([A-Za-z]+)", "{$1}"))
                .toList();
        assertThat(contract.operations()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void theApiAuditIsKeptAsLongAsTheVerificationAuditAndCountersAMereHalfHour() {
        try (var aged = TestServer.start(Map.of())) {
            var client = new ApiClient(aged, contract, OperatorCli.createApiKey(aged, "ageing"));
            assertThat(client.get("/api/v1/contacts/x/support-pin").status()).isEqualTo(404);

            aged.clock().advance(Duration.ofMinutes(31));
            var purged = aged.app().purge().runOnce().orElseThrow();
            assertThat(purged.get(PurgeKind.API_RATE)).isEqualTo(1);
            assertThat(purged.get(PurgeKind.API_CALL)).isZero();

            aged.clock().advance(Duration.ofDays(400));
            assertThat(aged.app().purge().runOnce().orElseThrow().get(PurgeKind.API_CALL))
                    .isEqualTo(1);
        }
    }

    @Test
    void eachKeyHasARateLimitWithRetryAfter() {
        try (var limited = TestServer.start(Map.of("API_RATE_LIMIT", "3"))) {
            var client = new ApiClient(limited, contract, OperatorCli.createApiKey(limited, "busy"));
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/api/v1/contacts/x/support-pin").status())
                        .isEqualTo(404);
            }
            var refused = client.get("/api/v1/contacts/x/support-pin");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After").orElseThrow()))
                    .isBetween(1, 60);
            var other = new ApiClient(limited, contract, OperatorCli.createApiKey(limited, "quiet"));
            assertThat(other.get("/api/v1/contacts/x/support-pin").status()).isEqualTo(404);

            limited.clock().advance(Duration.ofMinutes(1));
            assertThat(client.get("/api/v1/contacts/x/support-pin").status()).isEqualTo(404);
        }
    }
}
