package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.ManyContacts;
import com.supportpin.support.ReplicatedPostgres;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL failover in the middle of a stream of verified calls: two real servers (Debian's
 * PostgreSQL) in synchronous replication, the app on a multi-host DATABASE_URL with
 * targetServerType=primary. The primary stops in immediate mode and the standby is promoted. Every
 * webhook still answers valid TwiML, callers caught in the gap wait in support-unverified, a fresh PIN
 * verifies within 15 s of the promotion, and no PIN answered "verified" works again.
 */
class FailoverTest {

    private static final int CALLERS = 80;
    private static final int CONCURRENT_CALLS = 6;
    private static final int FAIL_OVER_AFTER = 16;
    private static final Duration FRESH_PIN_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    /** A contact with a live PIN. */
    private record Caller(String account, String pin, long contactId) {}

    /** What a caller heard after keying the PIN, and when (nanoTime). */
    private record Heard(Caller caller, String callSid, String queue, long at) {}

    @Test
    void callsAreAnsweredThroughAPrimaryCrashAndPromotionAndNoVerifiedPinWorksAgain() throws Exception {
        try (var postgres = ReplicatedPostgres.start(directory);
                var server = TestServer.start(postgres.databaseUrl(), Map.of())) {
            List<Caller> callers = seed(server, CALLERS + 1);
            Caller fresh = callers.remove(callers.size() - 1);
            var twilio = new FakeTwilio(server);
            var heard = new ConcurrentLinkedQueue<Heard>();
            var invalid = new ConcurrentLinkedQueue<String>();
            var next = new AtomicInteger();
            var done = new AtomicBoolean();
            var failOverNow = new CountDownLatch(FAIL_OVER_AFTER);
            var pool = Executors.newFixedThreadPool(CONCURRENT_CALLS);
            var threads = new ArrayList<Future<?>>();
            for (int thread = 0; thread < CONCURRENT_CALLS; thread++) {
                threads.add(pool.submit(() -> {
                    for (int i; !done.get() && (i = next.getAndIncrement()) < callers.size(); ) {
                        Heard answer = call(twilio, callers.get(i), invalid);
                        heard.add(answer);
                        if ("support".equals(answer.queue())) {
                            failOverNow.countDown();
                        }
                    }
                    return null;
                }));
            }

            assertThat(failOverNow.await(60, TimeUnit.SECONDS))
                    .as("verified calls before the failover")
                    .isTrue();
            long stoppedAt = System.nanoTime();
            postgres.stopPrimaryImmediately();
            postgres.promoteStandby();
            long promotedAt = System.nanoTime();
            Duration freshPinVerifiedAfter = verifyFreshPin(server, twilio, fresh, promotedAt, invalid);
            Thread.sleep(1_000);
            done.set(true);
            pool.shutdown();
            for (var thread : threads) {
                thread.get(60, TimeUnit.SECONDS);
            }

            List<Heard> answers = List.copyOf(heard);
            List<Heard> verified = answers.stream()
                    .filter(answer -> "support".equals(answer.queue()))
                    .toList();
            List<Heard> unverified = answers.stream()
                    .filter(answer -> !"support".equals(answer.queue()))
                    .toList();
            long verifiedBeforeStop =
                    verified.stream().filter(answer -> answer.at() < stoppedAt).count();
            int verifiedAgain = reverify(twilio, verified, invalid);
            long lostCommits = verified.stream()
                    .filter(answer -> server.jdbi()
                                    .withHandle(handle -> handle.select(
                                                    "SELECT count(*) FROM call WHERE call_sid = ? AND verified_at IS NOT NULL",
                                                    answer.callSid())
                                            .mapTo(Integer.class)
                                            .one())
                            != 1)
                    .count();
            System.out.printf(
                    "failover: %d calls, %d verified (%d before the stop), %d caught in the gap and sent "
                            + "to support-unverified, promotion %.1f s after the stop, fresh PIN verified %.1f s after "
                            + "promotion, %d verified commits lost, %d PINs verified again%n",
                    answers.size(),
                    verified.size(),
                    verifiedBeforeStop,
                    unverified.size(),
                    (promotedAt - stoppedAt) / 1e9,
                    freshPinVerifiedAfter.toMillis() / 1000.0,
                    lostCommits,
                    verifiedAgain);

            assertThat(invalid).as("webhooks that did not answer valid TwiML").isEmpty();
            assertThat(answers).extracting(Heard::queue).containsOnly("support", "support-unverified");
            assertThat(unverified)
                    .as("callers sent to support-unverified were caught in the failover")
                    .allMatch(answer -> answer.at() > stoppedAt);
            assertThat(verified)
                    .extracting(answer ->
                            answer.caller().pin() + "@" + answer.caller().account())
                    .doesNotHaveDuplicates();
            assertThat(freshPinVerifiedAfter).isLessThan(FRESH_PIN_WITHIN);
            assertThat(verifiedBeforeStop).isGreaterThanOrEqualTo(FAIL_OVER_AFTER);
            assertThat(lostCommits)
                    .as("verified calls the new primary does not know")
                    .isZero();
            assertThat(verifiedAgain)
                    .as("PINs answered verified that verified again after the failover")
                    .isZero();
        }
    }

    private static List<Caller> seed(TestServer server, int count) {
        var contacts = new ManyContacts(server.jdbi(), "correct horse 1");
        var callers = new ArrayList<Caller>();
        for (int i = 0; i < count; i++) {
            String account = String.valueOf(8300 + i);
            long contactId = contacts.add(account, "Caller " + i, "failover" + i + "@example.com");
            callers.add(new Caller(account, server.generatePin(contactId), contactId));
        }
        return callers;
    }

    /**
     * One call, as far as its answers take it: greeting, account number, PIN, unless an answer already
     * put the caller in a queue (as the fallback does when the database cannot be reached). Every answer
     * is checked as Twilio would read it. The queue is where the caller ended up ("re-prompted" when the
     * PIN was refused and asked again).
     */
    private static Heard call(FakeTwilio twilio, Caller caller, ConcurrentLinkedQueue<String> invalid) {
        var call = twilio.call("+14155550199");
        List<Supplier<FakeTwilio.Reply>> steps =
                List.of(call::incoming, () -> call.account(caller.account()), () -> call.pin(caller.pin()));
        for (var step : steps) {
            FakeTwilio.Reply reply = step.get();
            if (!valid(reply, invalid)) {
                return new Heard(caller, call.callSid(), "invalid", System.nanoTime());
            }
            String queue = Twiml.text(reply.body(), "Enqueue");
            if (queue != null) {
                return new Heard(caller, call.callSid(), queue, System.nanoTime());
            }
        }
        return new Heard(caller, call.callSid(), "re-prompted", System.nanoTime());
    }

    private static boolean valid(FakeTwilio.Reply reply, ConcurrentLinkedQueue<String> invalid) {
        try {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("text/xml");
            Twiml.strict(reply.body());
            return true;
        } catch (AssertionError | RuntimeException e) {
            invalid.add(reply.status() + " " + reply.body());
            return false;
        }
    }

    /**
     * Issues a PIN as the account center would, once the app can write again, and calls with it until
     * it verifies; how long after the promotion that was.
     */
    private static Duration verifyFreshPin(
            TestServer server,
            FakeTwilio twilio,
            Caller contact,
            long promotedAt,
            ConcurrentLinkedQueue<String> invalid)
            throws InterruptedException {
        long deadline = promotedAt + Duration.ofSeconds(30).toNanos();
        String pin = null;
        while (System.nanoTime() < deadline) {
            try {
                pin = pin != null ? pin : server.generatePin(contact.contactId());
                Heard answer = call(twilio, new Caller(contact.account(), pin, contact.contactId()), invalid);
                if ("support".equals(answer.queue())) {
                    return Duration.ofNanos(answer.at() - promotedAt);
                }
            } catch (RuntimeException notYet) {
                // the pool has not found the new primary yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("a fresh PIN did not verify within 30 s of the promotion");
    }

    private static int reverify(FakeTwilio twilio, List<Heard> verified, ConcurrentLinkedQueue<String> invalid) {
        int again = 0;
        var seen = new HashSet<String>();
        for (Heard answer : verified) {
            if (seen.add(answer.caller().account())) {
                again += "support".equals(call(twilio, answer.caller(), invalid).queue()) ? 1 : 0;
            }
        }
        return again;
    }
}
