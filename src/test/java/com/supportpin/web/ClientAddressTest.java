package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.CapturedOutput;
import com.supportpin.support.ManyContacts;
import com.supportpin.support.TestServer;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client address the sign-in cap and the logs use: forwarded headers count only from a trusted proxy
 * (TRUSTED_PROXIES, here 127.0.9.0/24) and only right of what the client could write; one office address
 * signing in many people at once is not taken for a guesser.
 */
class ClientAddressTest {

    private static final String PROXY = "127.0.9.1";

    /** Room for every sign-in of a test on the hashing executor, so what is tested is the throttle. */
    @RegisterExtension
    static final TestServer server =
            TestServer.perClass(Map.of("TRUSTED_PROXIES", "127.0.9.0/24", "HASHING_QUEUE", "64"));

    private static int accounts = 9100;

    private String alice;

    @BeforeEach
    void newContactOutsideEarlierWindows() {
        server.clock().advance(SignInThrottle.WINDOW.plusMinutes(1));
        String account = String.valueOf(accounts++);
        alice = "alice" + account + "@example.com";
        server.addContact(account, "Alice Example", alice, "correct horse 1");
    }

    @Test
    void forgedForwardedHeadersFromAnUntrustedPeerChangeNothing() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            var attacker = new WebClient(server, "127.0.3.1")
                    .withHeader("X-Forwarded-For", "198.51.100." + i)
                    .withHeader("Forwarded", "for=198.51.101." + i);
            assertThat(attacker.signIn("ghost" + i + "-" + alice, "guess").status())
                    .isEqualTo(401);
        }

        var afterwards = new WebClient(server, "127.0.3.1")
                .withHeader("X-Forwarded-For", "198.51.100.99")
                .signIn(alice, "correct horse 1");

        assertThat(afterwards.status())
                .as("the peer's own 10 failures count, whatever it claimed")
                .isEqualTo(429);
        assertThat(rejectedWebhookLog(new WebClient(server, "127.0.3.2").withHeader("X-Forwarded-For", "198.51.100.7")))
                .contains("from 127.0.3.2")
                .doesNotContain("198.51.100.7");
    }

    @Test
    void behindATrustedProxyMadeUpLeftMostEntriesDoNotHideTheRealClient() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            var viaProxy =
                    new WebClient(server, PROXY).withHeader("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.50");
            assertThat(viaProxy.signIn("ghost" + i + "-" + alice, "guess").status())
                    .isEqualTo(401);
        }

        var afterwards = new WebClient(server, PROXY)
                .withHeader("X-Forwarded-For", "192.0.2.200, 203.0.113.50")
                .signIn(alice, "correct horse 1");

        assertThat(afterwards.status()).isEqualTo(429);
        assertThat(rejectedWebhookLog(
                        new WebClient(server, PROXY).withHeader("X-Forwarded-For", "198.51.100.7, 203.0.113.50")))
                .contains("from 203.0.113.50")
                .doesNotContain("198.51.100.7")
                .doesNotContain(PROXY);
    }

    @Test
    void elevenWrongPasswordsForwardedForOneClientDoNotStopAnotherClientBehindTheSameProxy() {
        var guesser = new WebClient(server, PROXY).withHeader("X-Forwarded-For", "203.0.113.60");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(guesser.signIn("ghost" + i + "-" + alice, "guess").status())
                    .isEqualTo(401);
        }
        assertThat(guesser.signIn("ghost-last-" + alice, "guess").status()).isEqualTo(429);

        var neighbour = new WebClient(server, PROXY).withHeader("X-Forwarded-For", "203.0.113.61");
        var viaRfc7239 = new WebClient(server, "127.0.9.2").withHeader("Forwarded", "for=\"203.0.113.62:5000\"");

        assertThat(neighbour.signIn(alice, "correct horse 1").status()).isEqualTo(303);
        assertThat(viaRfc7239.signIn(alice, "correct horse 1").status()).isEqualTo(303);
    }

    @Test
    void sixtyFourConcurrentCorrectSignInsFromOneAddressAllSucceed() throws Exception {
        var contacts = new ManyContacts(server.jdbi(), "office password 1");
        var emails = new ArrayList<String>();
        for (int i = 0; i < 64; i++) {
            String email = "colleague" + i + "-" + alice;
            contacts.add(String.valueOf(accounts), "Colleague " + i, email);
            emails.add(email);
        }

        List<Integer> statuses = concurrently(emails.stream()
                .map(email -> (Callable<Integer>) () -> new WebClient(server, "127.0.4.1")
                        .postJson(
                                WebPaths.API_SESSION,
                                "{\"email\":\"" + email + "\",\"password\":\"office password 1\"}")
                        .status())
                .toList());

        assertThat(statuses).hasSize(64).containsOnly(200);
    }

    @Test
    void twentyParallelWrongGuessesForOneEmailFromOneAddressReachAtMostTenPasswordChecks() throws Exception {
        var guesses = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 20; i++) {
            String guess = "parallel guess " + i;
            guesses.add(() -> new WebClient(server, "127.0.5.1")
                    .postJson(WebPaths.API_SESSION, "{\"email\":\"" + alice + "\",\"password\":\"" + guess + "\"}")
                    .status());
        }

        List<Integer> statuses = concurrently(guesses);

        assertThat(statuses).allMatch(status -> status == 401 || status == 429);
        assertThat(statuses).filteredOn(status -> status == 401).hasSizeLessThanOrEqualTo(SignInThrottle.MAX_FAILURES);
        assertThat(statuses)
                .filteredOn(status -> status == 429)
                .hasSizeGreaterThanOrEqualTo(20 - SignInThrottle.MAX_FAILURES);
    }

    /** An unsigned webhook from {@code client}: what the rejection's log line says about who sent it. */
    private static String rejectedWebhookLog(WebClient client) {
        try (var output = new CapturedOutput()) {
            assertThat(client.postForm(VoicePaths.VOICE_INCOMING, Map.of("CallSid", "CAforged"))
                            .status())
                    .isEqualTo(403);
            return output.text()
                    .lines()
                    .filter(line -> line.contains("rejected POST " + VoicePaths.VOICE_INCOMING))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static List<Integer> concurrently(List<Callable<Integer>> requests) throws Exception {
        var pool = Executors.newFixedThreadPool(requests.size());
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<Integer>>();
            for (var request : requests) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
