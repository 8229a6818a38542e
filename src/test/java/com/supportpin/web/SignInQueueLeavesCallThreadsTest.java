package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.contact.HashingExecutor;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hashing queue longer than the server's 64 call threads still cannot starve the phone line: Jetty gets one
 * request thread more per hashing place, so with every place taken by a waiting sign-in a call is answered at once.
 */
class SignInQueueLeavesCallThreadsTest {

    private static final int QUEUE = 80;

    @RegisterExtension
    static final TestServer server =
            TestServer.perClass(Map.of("HASHING_THREADS", "1", "HASHING_QUEUE", String.valueOf(QUEUE)));

    @Test
    void aCallIsAnsweredWhileEverySignInPlaceHoldsARequestThread() throws Exception {
        HashingExecutor signIns = server.app().hashing().signIns();
        var release = new CountDownLatch(1);
        // The one hashing thread is held here, so every sign-in below waits in the queue on its request thread.
        HashingExecutor.Slot held = signIns.reserve().orElseThrow();
        var holder = CompletableFuture.runAsync(() -> held.call(() -> {
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        ExecutorService clients = Executors.newFixedThreadPool(QUEUE);
        try {
            List<CompletableFuture<Integer>> signInsWaiting = new ArrayList<>();
            for (int i = 0; i < QUEUE; i++) {
                // Unknown e-mails from different addresses: each runs a decoy check, and no throttle stops any.
                var client = new WebClient(server, "127.0.42." + (i + 1));
                String body = "{\"email\":\"nobody" + i + "@example.com\",\"password\":\"wrong horse\"}";
                signInsWaiting.add(CompletableFuture.supplyAsync(
                        () -> client.postJson(WebPaths.API_SESSION, body).status(), clients));
            }
            awaitPlacesTaken(signIns, 1 + QUEUE);

            var call = CompletableFuture.supplyAsync(
                    () -> new FakeTwilio(server).call("+14155550142").incoming().body());
            String greeting = call.get(10, TimeUnit.SECONDS);
            Twiml.strict(greeting);
            assertThat(greeting).contains("<Gather");

            release.countDown();
            for (var waiting : signInsWaiting) {
                assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(401);
            }
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            clients.shutdownNow();
        }
    }

    private static void awaitPlacesTaken(HashingExecutor executor, int places) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (executor.placesTaken() < places && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(executor.placesTaken())
                .as("places taken by waiting sign-ins")
                .isEqualTo(places);
    }
}
