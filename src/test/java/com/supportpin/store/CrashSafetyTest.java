package com.supportpin.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.App;
import com.supportpin.config.Config;
import com.supportpin.contact.ContactDao;
import com.supportpin.pin.PinHasher;
import com.supportpin.pin.SupportPins;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.ManyContacts;
import com.supportpin.support.MutableClock;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL is killed (SIGKILL, every process at once) while callers key their PINs through the signed
 * webhooks, then restarted on the same data: no PIN that was answered "verified" works again, and no
 * verified call or audit row is gone. The same scenario with synchronous_commit=off shows that this
 * check can fail: there the last commits before the crash are lost and their PINs work a second time.
 */
class CrashSafetyTest {

    /** Callers in the stream; the kill comes after {@link #KILL_AFTER} of them were answered verified. */
    private static final int CALLERS = 64;

    private static final int KILL_AFTER = 24;
    private static final int CONCURRENT_CALLS = 8;

    @TempDir
    Path dataDir;

    /** What the scenario saw. */
    record Figures(int answeredVerified, int callRowsLost, int auditRowsLost, int consumedPinsLost, int verifiedAgain) {
        int violations() {
            return callRowsLost + auditRowsLost + consumedPinsLost + verifiedAgain;
        }
    }

    @Test
    void withTheAppsOwnSettingsNothingAnsweredVerifiedIsLostOrWorksTwice() throws Exception {
        Figures figures = crashWhileVerifying(Map.of());

        System.out.println("crash with the app's own settings: " + figures);
        assertThat(figures.answeredVerified()).isGreaterThanOrEqualTo(KILL_AFTER);
        assertThat(figures.violations()).as(figures.toString()).isZero();
    }

    @Test
    void withSynchronousCommitOffTheSameCheckFindsLostCommitsAndPinsThatWorkTwice() throws Exception {
        // The WAL writer flushes an async commit within 3 x wal_writer_delay; at 10 s the kill always comes first.
        Figures figures = crashWhileVerifying(Map.of("synchronous_commit", "off", "wal_writer_delay", "10s"));

        System.out.println("crash with synchronous_commit=off: " + figures);
        assertThat(figures.answeredVerified()).isGreaterThanOrEqualTo(KILL_AFTER);
        assertThat(figures.verifiedAgain()).as(figures.toString()).isPositive();
        assertThat(figures.callRowsLost() + figures.auditRowsLost())
                .as(figures.toString())
                .isPositive();
    }

    /**
     * Verifies PINs concurrently through the real server, kills every PostgreSQL process mid-stream,
     * restarts on the same data directory, and counts what the answers promised but the database forgot.
     */
    private Figures crashWhileVerifying(Map<String, String> serverSettings) throws Exception {
        var clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        var env = Map.of(
                "PORT",
                "0",
                "DATA_DIR",
                dataDir.toString(),
                "PUBLIC_BASE_URL",
                TestServer.PUBLIC_BASE_URL,
                "TWILIO_AUTH_TOKEN",
                TestServer.AUTH_TOKEN,
                "APP_SECRET",
                TestServer.APP_SECRET);
        Config config = Config.fromEnvironment(env);
        List<Caller> callers;
        var verified = new ConcurrentLinkedQueue<Caller>();
        try (App app = App.start(config, migrated(serverSettings), clock)) {
            callers = seed(app, clock);
            streamUntilKilled(app, callers, verified);
        }
        try (App restarted = App.start(config, migrated(serverSettings), clock)) {
            return check(restarted, List.copyOf(verified));
        }
    }

    private Database migrated(Map<String, String> serverSettings) {
        Database database = Database.startEmbedded(dataDir, 16, serverSettings);
        database.migrate();
        return database;
    }

    /** One contact with a live PIN, and the CallSid that keyed it. */
    record Caller(String account, String pin, String[] callSid) {}

    private static List<Caller> seed(App app, MutableClock clock) {
        Jdbi jdbi = app.database().jdbi();
        var contacts = new ManyContacts(jdbi, "correct horse 1");
        var pins = new SupportPins(
                jdbi,
                new PinHasher(TestServer.APP_SECRET),
                clock,
                app.config().pinTtl(),
                app.config().pinDigits(),
                app.config().pinMaxFailures(),
                app.config().pinLockout());
        var callers = new ArrayList<Caller>();
        for (int i = 0; i < CALLERS; i++) {
            String account = String.valueOf(8100 + i);
            long contactId = contacts.add(account, "Caller " + i, "caller" + i + "@example.com");
            var contact = jdbi.onDemand(ContactDao.class).findById(contactId).orElseThrow();
            callers.add(new Caller(
                    account, pins.issue(contact.accountId(), account, contactId).pin(), new String[1]));
        }
        // PINs are issued minutes before the call, long written to disk when it comes: here too.
        jdbi.useHandle(handle -> handle.execute("CHECKPOINT"));
        return callers;
    }

    private void streamUntilKilled(App app, List<Caller> callers, ConcurrentLinkedQueue<Caller> verified)
            throws Exception {
        var twilio =
                new FakeTwilio("http://localhost:" + app.port(), TestServer.PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
        var next = new AtomicInteger();
        var killed = new AtomicBoolean();
        var killNow = new CountDownLatch(KILL_AFTER);
        ProcessHandle postmaster = postmaster();
        var pool = Executors.newFixedThreadPool(CONCURRENT_CALLS);
        var threads = new ArrayList<Future<Void>>();
        try {
            for (int thread = 0; thread < CONCURRENT_CALLS; thread++) {
                threads.add(pool.submit(() -> {
                    for (int i; !killed.get() && (i = next.getAndIncrement()) < callers.size(); ) {
                        Caller caller = callers.get(i);
                        var call = twilio.call("+1415555" + String.format("%04d", i));
                        caller.callSid()[0] = call.callSid();
                        call.incoming();
                        call.account(caller.account());
                        String answer = call.pin(caller.pin()).body();
                        Twiml.strict(answer);
                        if ("support".equals(Twiml.text(answer, "Enqueue"))) {
                            verified.add(caller);
                            killNow.countDown();
                        }
                    }
                    return null;
                }));
            }
            assertThat(killNow.await(60, TimeUnit.SECONDS))
                    .as("callers verified before the kill")
                    .isTrue();
            killed.set(true);
            killEveryProcess(postmaster);
        } finally {
            pool.shutdown();
        }
        for (var thread : threads) {
            thread.get(60, TimeUnit.SECONDS);
        }
    }

    private ProcessHandle postmaster() {
        return ProcessHandle.of(PostgresServer.postmasterPid(dataDir.resolve("postgres"))
                        .orElseThrow())
                .orElseThrow();
    }

    /** SIGKILL to the postmaster and all its children at once, as a power cut would end them (minus the OS). */
    private static void killEveryProcess(ProcessHandle postmaster) throws Exception {
        List<ProcessHandle> everyProcess =
                Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        assertThat(everyProcess).hasSizeGreaterThan(3);
        everyProcess.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : everyProcess) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static Figures check(App app, List<Caller> answeredVerified) {
        Jdbi jdbi = app.database().jdbi();
        int callRowsLost = 0;
        int auditRowsLost = 0;
        int consumedPinsLost = 0;
        for (Caller caller : answeredVerified) {
            String callSid = caller.callSid()[0];
            callRowsLost +=
                    count(jdbi, "SELECT count(*) FROM call WHERE call_sid = ? AND verified_at IS NOT NULL", callSid)
                                    == 1
                            ? 0
                            : 1;
            auditRowsLost += count(
                                    jdbi,
                                    "SELECT count(*) FROM verification_attempt WHERE call_sid = ? "
                                            + "AND outcome = 'verified'",
                                    callSid)
                            == 1
                    ? 0
                    : 1;
            consumedPinsLost +=
                    count(jdbi, "SELECT count(*) FROM support_pin WHERE used_by_call_sid = ?", callSid) == 1 ? 0 : 1;
        }
        var twilio =
                new FakeTwilio("http://localhost:" + app.port(), TestServer.PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
        int verifiedAgain = 0;
        for (Caller caller : answeredVerified) {
            var call = twilio.call("+14155559999");
            call.incoming();
            call.account(caller.account());
            String answer = call.pin(caller.pin()).body();
            Twiml.strict(answer);
            verifiedAgain += "support".equals(Twiml.text(answer, "Enqueue")) ? 1 : 0;
        }
        return new Figures(answeredVerified.size(), callRowsLost, auditRowsLost, consumedPinsLost, verifiedAgain);
    }

    private static int count(Jdbi jdbi, String sql, String callSid) {
        return jdbi.withHandle(
                handle -> handle.select(sql, callSid).mapTo(Integer.class).one());
    }
}
