package com.supportpin.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.console.ConsolePaths;
import com.supportpin.cli.Cli;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestDatabase;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import com.supportpin.web.WebPaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of record is kept while it matters and purged after, by the service's own purge, with the
 * server's clock moved forward: failed sign-ins after the throttle's window, sessions after their idle
 * limit (a session still in use stays), ended PINs a day after expiry (a live PIN stays), call records
 * after RETENTION_CALLS and the audit after RETENTION_AUDIT (the defaults, 90 and 400 days).
 */
class RetentionTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);

    @Test
    void eachKindIsKeptWhileItMattersAndPurgedAfter() {
        long dana = server.addContact("4242", "Dana Example", "dana@example.com", "correct horse 4");
        server.addAgent("Ann Agent", "ann@support.example", "4711", "console pass 4711", "482913");
        var customer = new WebClient(server, "127.0.0.21");
        assertThat(customer.signIn("dana@example.com", "correct horse 4").status())
                .isEqualTo(303);
        assertThat(new WebClient(server, "127.0.0.22")
                        .signIn("dana@example.com", "wrong")
                        .status())
                .isEqualTo(401);
        var agent = new WebClient(server, "127.0.0.23");
        assertThat(agent.postJson(
                                ConsolePaths.API_AGENT_SESSION,
                                "{\"email\":\"ann@support.example\",\"password\":\"console pass 4711\"}")
                        .status())
                .isEqualTo(200);
        var caller = twilio.call("+14155550111");
        caller.incoming();
        caller.account("4242");
        assertThat(Twiml.text(caller.pin(server.generatePin(dana)).body(), "Enqueue"))
                .isEqualTo("support");
        var agentCall = twilio.agentCall("+14155550190");
        agentCall.signIn("4711", "482913");
        caller.dequeuedBy(agentCall, 30);
        String now = "'" + server.clock().instant() + "'";
        sql("INSERT INTO callback_request (call_sid, caller, queue, requested_at, last_requested_at, queued_since,"
                + " next_attempt_at) VALUES ('CAcb1', '+14155550112', 'support', " + now + ", " + now + ", " + now
                + ", "
                + now + ")");
        sql("INSERT INTO callback_attempt (callback_id, agent_call_sid, placed_at, expires_at, ended_at, result)"
                + " SELECT id, 'CAagent1', " + now + ", " + now + ", " + now + ", 'no-answer' FROM callback_request");
        sql("INSERT INTO callback_event (callback_id, happened_at, event) SELECT id, " + now + ", 'requested'"
                + " FROM callback_request");
        sql("INSERT INTO pin_guard (account_number, failed_attempts, last_failed_at) VALUES ('5001', 0, NULL),"
                + " ('5002', 2, " + now + ")");
        server.generatePin(dana);

        Map<PurgeKind, Long> onlyIdleGuards = purge();
        assertThat(onlyIdleGuards)
                .allSatisfy((kind, rows) -> assertThat(rows)
                        .as(kind.table())
                        .isEqualTo(kind == PurgeKind.PIN_GUARD || kind == PurgeKind.AGENT_GUARD ? 1 : 0));
        assertThat(count("pin_guard"))
                .as("the account with failures counted stays")
                .isEqualTo(1);
        assertThat(count("agent_guard"))
                .as("the agent line forgave the right passcode: nothing to keep")
                .isZero();
        for (String table : new String[] {
            "call",
            "agent_call",
            "queue_member",
            "call_bridge",
            "callback_request",
            "callback_attempt",
            "callback_event",
            "verification_attempt",
            "web_session",
            "agent_session",
            "sign_in_failure"
        }) {
            assertThat(count(table)).as(table).isPositive();
        }
        assertThat(count("support_pin")).as("the used PIN and the live one").isEqualTo(2);

        advance(Duration.ofMinutes(16));
        assertThat(purge().get(PurgeKind.SIGN_IN_FAILURE)).isEqualTo(2);
        assertThat(count("sign_in_failure")).isZero();
        assertThat(customer.get(WebPaths.SUPPORT_PIN).status())
                .as("the customer is still active")
                .isEqualTo(200);

        advance(Duration.ofMinutes(20));
        Map<PurgeKind, Long> idle = purge();
        assertThat(idle.get(PurgeKind.AGENT_SESSION))
                .as("the agent has been idle 36 minutes")
                .isEqualTo(1);
        assertThat(idle.get(PurgeKind.WEB_SESSION))
                .as("the customer was active 20 minutes ago")
                .isZero();
        advance(Duration.ofMinutes(31));
        assertThat(purge().get(PurgeKind.WEB_SESSION)).isEqualTo(1);
        assertThat(count("web_session") + count("agent_session")).isZero();

        advance(Duration.ofHours(23));
        assertThat(purge().get(PurgeKind.SUPPORT_PIN))
                .as("the PINs expired less than a day ago")
                .isZero();
        advance(Duration.ofHours(2));
        server.generatePin(server.addContact("4243", "Eli Example", "eli@example.com", "correct horse 5"));
        assertThat(purge().get(PurgeKind.SUPPORT_PIN))
                .as("the used and the expired PIN")
                .isEqualTo(2);
        assertThat(count("support_pin")).as("a live PIN stays").isEqualTo(1);

        advance(Duration.ofDays(88));
        Map<PurgeKind, Long> beforeNinetyDays = purge();
        for (PurgeKind kind : new PurgeKind[] {
            PurgeKind.CALL,
            PurgeKind.AGENT_CALL,
            PurgeKind.QUEUE_MEMBER,
            PurgeKind.CALL_BRIDGE,
            PurgeKind.CALLBACK_REQUEST,
            PurgeKind.VERIFICATION_ATTEMPT,
            PurgeKind.CALLBACK_EVENT
        }) {
            assertThat(beforeNinetyDays.get(kind)).as(kind.table()).isZero();
        }
        advance(Duration.ofDays(1));
        Map<PurgeKind, Long> afterNinetyDays = purge();
        assertThat(afterNinetyDays.get(PurgeKind.CALL)).isEqualTo(1);
        assertThat(afterNinetyDays.get(PurgeKind.AGENT_CALL)).isEqualTo(1);
        assertThat(afterNinetyDays.get(PurgeKind.QUEUE_MEMBER)).isEqualTo(1);
        assertThat(afterNinetyDays.get(PurgeKind.CALL_BRIDGE)).isEqualTo(1);
        assertThat(afterNinetyDays.get(PurgeKind.CALLBACK_REQUEST)).isEqualTo(1);
        assertThat(count("callback_attempt")).as("purged with its callback").isZero();
        assertThat(afterNinetyDays.get(PurgeKind.CALLBACK_EVENT))
                .as("the callback's audit is kept longer")
                .isZero();
        assertThat(afterNinetyDays.get(PurgeKind.VERIFICATION_ATTEMPT))
                .as("the audit is kept longer")
                .isZero();
        assertThat(count("verification_attempt")).isEqualTo(1);

        advance(Duration.ofDays(309));
        assertThat(purge().get(PurgeKind.VERIFICATION_ATTEMPT)).isZero();
        advance(Duration.ofDays(1));
        Map<PurgeKind, Long> afterTheAudit = purge();
        assertThat(afterTheAudit.get(PurgeKind.VERIFICATION_ATTEMPT)).isEqualTo(1);
        assertThat(afterTheAudit.get(PurgeKind.CALLBACK_EVENT)).isEqualTo(1);

        assertThat(server.app().metrics().scrape())
                .contains("ivr_purged_rows_total{kind=\"call\"} 1.0")
                .contains("ivr_purged_rows_total{kind=\"sign_in_failure\"} 2.0")
                .contains("ivr_purged_rows_total{kind=\"verification_attempt\"} 1.0");
    }

    @Test
    void guardRowsWhoseLastFailureIsADayOldArePurgedWhileRecentAndLockedOnesStay() {
        Instant now = server.clock().instant();
        String dayAgo = "'" + now.minus(Duration.ofHours(24).plusMinutes(1)) + "'";
        String recent = "'" + now.minus(Duration.ofHours(23)) + "'";
        String lockedUntil = "'" + now.plus(Duration.ofMinutes(10)) + "'";
        sql("INSERT INTO pin_guard (account_number, failed_attempts, locked_until, last_failed_at) VALUES"
                + " ('6001', 4, NULL, " + dayAgo + "), ('6002', 4, NULL, " + recent + "),"
                + " ('6003', 0, " + lockedUntil + ", " + dayAgo + ")");
        sql("INSERT INTO agent_guard (agent_code, failed_attempts, locked_until, last_failed_at) VALUES"
                + " ('996001', 4, NULL, " + dayAgo + "), ('996002', 4, NULL, " + recent + "),"
                + " ('996003', 5, " + lockedUntil + ", " + dayAgo + ")");
        try {
            purge();

            assertThat(keys("pin_guard", "account_number"))
                    .as("the stale partial count goes; the recent one and the lock stay")
                    .containsExactlyInAnyOrder("6002", "6003");
            assertThat(keys("agent_guard", "agent_code")).containsExactlyInAnyOrder("996002", "996003");
        } finally {
            sql("DELETE FROM pin_guard WHERE account_number IN ('6001', '6002', '6003')");
            sql("DELETE FROM agent_guard WHERE agent_code IN ('996001', '996002', '996003')");
        }
    }

    @Test
    void onlyOneInstancePurgesAtATime() {
        server.jdbi().useHandle(other -> {
            assertThat(other.createQuery("SELECT pg_try_advisory_lock(" + PurgeDao.LOCK_NAMESPACE + ", 1)")
                            .mapTo(Boolean.class)
                            .one())
                    .isTrue();
            try {
                // on another thread: Jdbi would hand this thread's open handle (and its session's lock) back
                var elsewhere =
                        CompletableFuture.supplyAsync(() -> server.app().purge().runOnce());
                assertThat(elsewhere.join())
                        .as("another instance holds the lock")
                        .isEmpty();
            } finally {
                other.createQuery("SELECT pg_advisory_unlock(" + PurgeDao.LOCK_NAMESPACE + ", 1)")
                        .mapTo(Boolean.class)
                        .one();
            }
        });
        assertThat(server.app().purge().runOnce()).isPresent();
    }

    /** The CLI runs on the real clock, so on a database of its own with a row dated from today. */
    @Test
    void theDryRunPrintsWhatWouldGoAndDeletesNothing() {
        String databaseUrl = TestDatabase.freshDatabaseUrl();
        cli(databaseUrl, "migrate");
        Jdbi database = Jdbi.create(databaseUrl);
        Instant longAgo = Instant.now().minus(Duration.ofDays(401));
        database.useHandle(handle -> handle.execute(
                "INSERT INTO verification_attempt (call_sid, caller,"
                        + " account_entered, outcome, attempted_at) VALUES ('CAold', '+14155550113', '9999', 'wrong_pin', ?),"
                        + " ('CAnew', '+14155550113', '9999', 'verified', now())",
                longAgo.atOffset(ZoneOffset.UTC)));

        String dryRun = cli(databaseUrl, "purge", "--dry-run");

        assertThat(dryRun)
                .startsWith("would purge (RETENTION_CALLS P90D, RETENTION_AUDIT P400D):")
                .containsPattern("verification_attempt +1\\n")
                .containsPattern("total +1\\n");
        assertThat(attempts(database)).isEqualTo(2);
        assertThat(cli(databaseUrl, "purge")).startsWith("purged (").containsPattern("verification_attempt +1\\n");
        assertThat(attempts(database)).isEqualTo(1);
    }

    private static long attempts(Jdbi database) {
        return database.withHandle(handle -> handle.createQuery("SELECT count(*) FROM verification_attempt")
                .mapTo(Long.class)
                .one());
    }

    private static Map<PurgeKind, Long> purge() {
        return server.app().purge().runOnce().orElseThrow();
    }

    private static void advance(Duration duration) {
        server.clock().advance(duration);
    }

    private static void sql(String statement) {
        server.jdbi().useHandle(handle -> handle.execute(statement));
    }

    private static long count(String tableAndCondition) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM " + tableAndCondition)
                        .mapTo(Long.class)
                        .one());
    }

    private static List<String> keys(String table, String column) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT " + column + " FROM " + table)
                        .mapTo(String.class)
                        .list());
    }

    private static String cli(String databaseUrl, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Cli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(
                        "DATABASE_URL", databaseUrl,
                        "TWILIO_AUTH_TOKEN", TestServer.AUTH_TOKEN,
                        "APP_SECRET", TestServer.APP_SECRET));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
