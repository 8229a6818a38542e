package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TcpProxy;
import com.supportpin.support.TestDatabase;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering without failing (a hung host, a silent network, a row lock held by a
 * stuck transaction) must not hold a caller past the answer limit either: the timeouts, not the
 * database, decide how long a webhook takes.
 */
class HungDatabaseTest {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(3);
    private static final Pattern PORT = Pattern.compile("^(jdbc:postgresql://[^:/]+):(\\d+)(/.*)$");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDatabaseThatStopsAnsweringStillLetsEveryWebhookAnswerInTimeAndTheServiceRecoversWhenItAnswersAgain()
            throws Exception {
        String direct = TestDatabase.freshDatabaseUrl();
        Matcher url = PORT.matcher(direct);
        assertThat(url.matches()).as(direct).isTrue();
        try (var proxy = new TcpProxy("localhost", Integer.parseInt(url.group(2)));
                var server = TestServer.start(url.group(1) + ":" + proxy.port() + url.group(3), Map.of())) {
            var twilio = new FakeTwilio(server);
            long alice = server.addContact("5151", "Alice Example", "alice5151@example.com", "correct horse 1");
            String pin = server.generatePin(alice);
            var call = twilio.call("+14155550160");
            call.incoming();
            call.account("5151");

            proxy.freeze();
            var reply = timed(() -> call.pin(pin));
            assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support-unverified");
            assertThat(Twiml.says(reply.body()))
                    .anySatisfy(text -> assertThat(text).contains("unavailable"));
            var fresh = twilio.call("+14155550161");
            assertThat(Twiml.text(timed(fresh::incoming).body(), "Enqueue")).isEqualTo("support-unverified");
            long started = System.nanoTime();
            assertThat(health(server)).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("health answer time")
                    .isLessThan(ANSWER_LIMIT);

            proxy.thaw();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (health(server) != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            var later = twilio.call("+14155550162");
            later.incoming();
            later.account("5151");
            assertThat(Twiml.text(later.pin(pin).body(), "Enqueue")).isEqualTo("support");
            // The step that timed out rolled back: the first call is not on record as verified.
            var first = new Records(server).call(call.callSid());
            assertThat(first.get("verified_at")).isNull();
        }
    }

    @Test
    void aCallRowLockedByAStuckTransactionTimesOutAndTheCallerGoesUnverified() throws Exception {
        try (var server = TestServer.start()) {
            var twilio = new FakeTwilio(server);
            long alice = server.addContact("5252", "Alice Example", "alice5252@example.com", "correct horse 1");
            String pin = server.generatePin(alice);
            var call = twilio.call("+14155550163");
            call.incoming();
            call.account("5252");

            try (var stuck = DriverManager.getConnection(server.databaseUrl())) {
                stuck.setAutoCommit(false);
                try (var lock = stuck.prepareStatement("SELECT 1 FROM call WHERE call_sid = ? FOR UPDATE")) {
                    lock.setString(1, call.callSid());
                    lock.executeQuery().close();
                }
                var reply = timed(() -> call.pin(pin));
                assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support-unverified");
                stuck.rollback();
            }
            // The PIN is still good: the timed-out step changed nothing.
            var retry = twilio.call("+14155550163");
            retry.incoming();
            retry.account("5252");
            assertThat(Twiml.text(retry.pin(pin).body(), "Enqueue")).isEqualTo("support");
        }
    }

    private static FakeTwilio.Reply timed(Supplier<FakeTwilio.Reply> webhook) {
        long started = System.nanoTime();
        var reply = webhook.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answer time")
                .isLessThan(ANSWER_LIMIT);
        assertThat(reply.status()).isEqualTo(200);
        Twiml.strict(reply.body());
        return reply;
    }

    private int health(TestServer server) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.localUrl(OpsPaths.HEALTH)))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
