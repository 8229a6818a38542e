package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.store.EmbeddedPostgres;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestDatabase;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops in the middle of calls and comes back: callers are still answered in time and routed
 * unverified, /health says so, and the same process recovers by itself. Runs its own PostgreSQL, since
 * stopping the shared one would take every other test down with it.
 */
class DatabaseOutageTest {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    private EmbeddedPostgres postgres;
    private TestServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopEverything() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void callersAreAnsweredInTimeAndRoutedUnverifiedWhileThePostgresqlIsDownAndTheServiceRecoversByItself()
            throws Exception {
        Path pgData = dataDir.resolve("pg");
        postgres = EmbeddedPostgres.start(pgData, 0, Map.of());
        int pgPort = postgres.port();
        server = TestServer.start(TestDatabase.urlWithCredentials(postgres.connection("postgres")), Map.of());
        var twilio = new FakeTwilio(server);
        long alice = server.addContact("4242", "Alice Example", "alice@example.com", "correct horse 1");
        String pin = server.generatePin(alice);
        assertThat(health()).isEqualTo(200);

        // One caller has keyed the account and is about to key the PIN; another has only been greeted.
        var atPin = twilio.call("+14155550150");
        atPin.incoming();
        assertThat(atPin.account("4242").body()).contains(VoicePaths.VOICE_PIN);
        var atAccount = twilio.call("+14155550151");
        atAccount.incoming();

        postgres.close();
        postgres = null;

        var pinReply = timed(() -> atPin.pin(pin));
        assertUnavailableAndUnverified(pinReply);
        assertUnavailableAndUnverified(timed(() -> atAccount.account("4242")));
        var newCall = twilio.call("+14155550152");
        assertUnavailableAndUnverified(timed(newCall::incoming));
        // The steps that follow routing still answer valid TwiML.
        for (var reply : new FakeTwilio.Reply[] {
            timed(() -> atPin.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "3"))),
            timed(() -> atPin.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "9"))),
            timed(() -> atPin.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed")))
        }) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("text/xml");
            Twiml.strict(reply.body());
        }
        long started = System.nanoTime();
        assertThat(health()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_LIMIT);

        // PostgreSQL comes back on the same data and port; the running app notices by itself.
        postgres = EmbeddedPostgres.start(pgData, pgPort, Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (health() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(health()).isEqualTo(200);

        // The PIN was not consumed while the database was away: a new call verifies with it.
        var afterwards = twilio.call("+14155550150");
        afterwards.incoming();
        afterwards.account("4242");
        var verified = afterwards.pin(pin);
        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");
        var record = new Records(server).call(atPin.callSid());
        assertThat(record.get("verified_at")).isNull();
    }

    private static void assertUnavailableAndUnverified(FakeTwilio.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/xml");
        Twiml.strict(reply.body());
        assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support-unverified");
        assertThat(Twiml.says(reply.body()))
                .anySatisfy(text -> assertThat(text).contains("verification is unavailable"));
    }

    private static FakeTwilio.Reply timed(Supplier<FakeTwilio.Reply> webhook) {
        long started = System.nanoTime();
        var reply = webhook.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answer time")
                .isLessThan(ANSWER_LIMIT);
        return reply;
    }

    private int health() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.localUrl(OpsPaths.HEALTH)))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
