package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.cli.Main;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestDatabase;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping (SIGTERM runs {@code App.close} from the shutdown hook) closes the listener at once, lets a
 * request already in flight finish, then closes the pool.
 */
class GracefulShutdownTest {

    @Test
    void aRequestInFlightWhenShutdownStartsStillGetsItsAnswerWhileNewConnectionsAreRefused() throws Exception {
        var server = TestServer.start();
        var twilio = new FakeTwilio(server);
        long alice = server.addContact("9191", "Alice Example", "alice9191@example.com", "correct horse 1");
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550195");
        call.incoming();
        call.account("9191");
        int port = server.port();

        CompletableFuture<FakeTwilio.Reply> inFlight;
        CompletableFuture<Void> closing;
        long closeStarted;
        // Hold the call's row so the PIN step is still running when the shutdown begins.
        try (Connection holder = DriverManager.getConnection(server.databaseUrl())) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT 1 FROM call WHERE call_sid = ? FOR UPDATE")) {
                lock.setString(1, call.callSid());
                lock.executeQuery().close();
            }
            inFlight = CompletableFuture.supplyAsync(() -> call.pin(pin));
            awaitWaitingOnLock(holder);

            closeStarted = System.nanoTime();
            closing = CompletableFuture.runAsync(server::close);
            awaitRefused(port);
            assertThat(inFlight).isNotDone();
            holder.rollback();
        }

        var reply = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support");
        closing.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - closeStarted)).isLessThan(Duration.ofSeconds(10));
        assertThat(server.app().database().pool().isClosed()).isTrue();
    }

    @Test
    void sigtermStopsTheServeCommandAfterItsInFlightRequestIsAnswered() throws Exception {
        String databaseUrl = TestDatabase.freshDatabaseUrl();
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var command = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Duser.timezone=UTC",
                        Main.class.getName(),
                        "serve")
                .redirectErrorStream(true);
        command.environment()
                .putAll(Map.of(
                        "PORT",
                        String.valueOf(port),
                        "DATABASE_URL",
                        databaseUrl,
                        "TWILIO_AUTH_TOKEN",
                        TestServer.AUTH_TOKEN,
                        "APP_SECRET",
                        TestServer.APP_SECRET,
                        "PUBLIC_BASE_URL",
                        TestServer.PUBLIC_BASE_URL));
        Process process = command.start();
        var output = new StringBuffer();
        var reader = new Thread(() -> {
            try (var lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.append(line).append('\n'));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            awaitHealthy(port, output);
            var twilio = new FakeTwilio("http://localhost:" + port, TestServer.PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
            var call = twilio.call("+14155550196");
            call.incoming();

            CompletableFuture<FakeTwilio.Reply> inFlight;
            try (Connection holder = DriverManager.getConnection(databaseUrl)) {
                holder.setAutoCommit(false);
                try (var lock = holder.prepareStatement("SELECT 1 FROM call WHERE call_sid = ? FOR UPDATE")) {
                    lock.setString(1, call.callSid());
                    lock.executeQuery().close();
                }
                inFlight = CompletableFuture.supplyAsync(() -> call.account("9292"));
                awaitWaitingOnLock(holder);
                process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                awaitRefused(port);
                holder.rollback();
            }
            var reply = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(Twiml.attribute(reply.body(), "Gather", "action"))
                    .isEqualTo(VoicePaths.VOICE_PIN + "?account=9292");
            assertThat(process.waitFor(10, TimeUnit.SECONDS))
                    .as("exited within 10 s")
                    .isTrue();
            reader.join(10_000);
            assertThat(output.toString()).as("exit %s", process.exitValue()).contains("stopped in");
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitHealthy(int port, StringBuffer output) throws Exception {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + OpsPaths.HEALTH))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not start:\n" + output);
    }

    private static void awaitWaitingOnLock(Connection observer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (var statement = observer.createStatement();
                    var rows = statement.executeQuery(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                    + "AND datname = current_database()")) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the PIN step never waited on the call's row");
    }

    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMillis(800).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // not yet decided: try again
            }
            Thread.sleep(20);
        }
        assertThatThrownBy(() -> new Socket("localhost", port).close())
                .as("new connections after the shutdown began")
                .isInstanceOf(ConnectException.class);
    }
}
