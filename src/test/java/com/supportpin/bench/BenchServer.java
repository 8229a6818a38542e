package com.supportpin.bench;

import com.supportpin.App;
import com.supportpin.config.Config;
import com.supportpin.contact.Passwords;
import com.supportpin.pin.PinDao;
import com.supportpin.pin.PinHasher;
import com.supportpin.voice.Outcome;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.TwimlWriter;
import com.supportpin.voice.VoiceStep;
import com.supportpin.voice.VoiceWebhooks;
import com.supportpin.web.Json;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Say;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.postgresql.PGConnection;
import spark.Service;

/** The benchmark's server process: the real {@link App} on embedded PostgreSQL, seeded, plus the baseline routes. */
public final class BenchServer {

    /** Baseline 1: a constant TwiML document behind the same signature filter and log line as every webhook. */
    static final String STATIC_PATH = "/voice/bench-static";
    /** Baseline 1 without the signature check and log line: Spark and Jetty alone. */
    static final String RAW_STATIC_PATH = "/bench/static";
    /** Baseline 2: one atomic PIN-consuming UPDATE (the app's pin-consume.sql) behind the same filters. */
    static final String CONSUME_PATH = "/voice/bench-consume";
    /** Heap, RSS and GC figures of this process. */
    static final String STATS_PATH = "/bench/stats";

    static final String STATIC_TWIML = new VoiceResponse.Builder()
            .say(new Say.Builder("Thank you for calling.").build())
            .build()
            .toXml();
    static final String CONSUMED_TWIML = new VoiceResponse.Builder()
            .say(new Say.Builder("Consumed.").build())
            .build()
            .toXml();

    private BenchServer() {}

    public static void main(String[] args) {
        try {
            start(args);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void start(String[] args) {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        var env = Map.of(
                "PORT", String.valueOf(port),
                "DATA_DIR", dataDir.toString(),
                "TWILIO_AUTH_TOKEN", BenchData.AUTH_TOKEN,
                "APP_SECRET", BenchData.APP_SECRET,
                "PUBLIC_BASE_URL", BenchData.PUBLIC_BASE_URL);
        Clock clock = Clock.systemUTC();
        var webhooks = new VoiceWebhooks(VoiceWebhooks.Observer.NONE);
        var hasher = new PinHasher(BenchData.APP_SECRET);
        App app = App.start(
                Config.fromEnvironment(env), clock, (http, jdbi) -> install(http, webhooks, hasher, jdbi, clock));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));

        long started = System.nanoTime();
        seed(app.database().pool(), new PinHasher(BenchData.APP_SECRET), clock.instant());
        System.out.printf("BENCH seeded %d slots in %.1f s%n", BenchData.SLOTS, (System.nanoTime() - started) / 1e9);

        System.gc();
        System.out.println("BENCH ready on port " + app.port());
    }

    /**
     * Baseline 2's one statement, the app's check-and-consume UPDATE, in a one-method interface with its
     * SQL in a file, as the app's hot statements are.
     */
    @UseClasspathSqlLocator
    @RegisterRowMapper(PinDao.ConsumedPinMapper.class)
    public interface BaselineConsume {
        @SqlQuery
        Optional<PinDao.ConsumedPin> consume(String accountNumber, byte[] pinHash, String callSid, Instant now);
    }

    private static void install(Service http, VoiceWebhooks webhooks, PinHasher hasher, Jdbi jdbi, Clock clock) {
        http.post(
                STATIC_PATH,
                webhooks.route(new Step(
                        "bench-static", request -> new VoiceStep.StepResult(STATIC_TWIML, BenchOutcome.STATIC))));
        http.post(CONSUME_PATH, webhooks.route(new Step("bench-consume", request -> {
            String account = request.param("Account").orElse("");
            String pin = request.digits().orElse("");
            boolean consumed = jdbi.withExtension(
                            BaselineConsume.class,
                            pins -> pins.consume(
                                    account, hasher.pinHash(account, pin), request.callSid(), clock.instant()))
                    .isPresent();
            return consumed
                    ? new VoiceStep.StepResult(CONSUMED_TWIML, BenchOutcome.CONSUMED)
                    : new VoiceStep.StepResult(
                            new VoiceResponse.Builder().build().toXml(), BenchOutcome.NOT_CONSUMED);
        })));
        http.get(RAW_STATIC_PATH, (request, response) -> TwimlWriter.write(response, STATIC_TWIML));
        http.get(STATS_PATH, (request, response) -> {
            if ("true".equals(request.queryParams("gc"))) {
                System.gc();
                System.gc();
            }
            return Json.write(response, 200, stats());
        });
    }

    /** The baseline routes' outcomes. */
    private enum BenchOutcome implements Outcome {
        STATIC,
        CONSUMED,
        NOT_CONSUMED;

        @Override
        public String metricName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A baseline route as a voice step, so it runs through the same wrapper as the real steps. */
    private record Step(String name, Function<TwilioRequest, StepResult> handler) implements VoiceStep {
        @Override
        public StepResult handle(TwilioRequest request) {
            return handler.apply(request);
        }

        @Override
        public VoiceResponse onError(TwilioRequest request) {
            return new VoiceResponse.Builder().build();
        }
    }

    private static Map<String, Object> stats() {
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        var stats = new LinkedHashMap<String, Object>();
        stats.put("heapUsed", memory.getUsed());
        stats.put("heapCommitted", memory.getCommitted());
        stats.put("heapMax", memory.getMax());
        stats.put("rssKb", status("VmRSS"));
        stats.put("hwmKb", status("VmHWM"));
        stats.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        var gcs = new LinkedHashMap<String, Object>();
        ManagementFactory.getGarbageCollectorMXBeans()
                .forEach(gc ->
                        gcs.put(gc.getName(), Map.of("count", gc.getCollectionCount(), "ms", gc.getCollectionTime())));
        stats.put("gc", gcs);
        return stats;
    }

    /** A kB figure from /proc/self/status (Linux), or -1. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                            line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Inserts every slot's account, contact and live PIN in bulk (one precomputed Argon2id hash for all
     * contacts; PIN hashes with the app's keyed hash), and the call rows of the PIN-step phase.
     */
    static void seed(HikariDataSource pool, PinHasher hasher, Instant now) {
        String passwordHash = new Passwords().hash(BenchData.PASSWORD);
        // A connection of its own: bulk inserts outlast the pool's statement and socket timeouts,
        // which are there to protect webhooks.
        Jdbi jdbi = Jdbi.create(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        jdbi.useTransaction(handle -> {
            handle.execute("""
                    INSERT INTO account (id, account_number)
                    SELECT i, (10000000 + i)::text FROM generate_series(1, ?) i
                    """, BenchData.SLOTS);
            handle.execute("""
                    INSERT INTO contact (id, account_id, name, email, password_hash)
                    SELECT i, i, 'Bench Contact ' || i, 'bench' || i || '@example.com', ?
                      FROM generate_series(1, ?) i
                    """, passwordHash, BenchData.SLOTS);
            handle.execute(
                    "SELECT setval('account_id_seq', ?), setval('contact_id_seq', ?)",
                    BenchData.SLOTS,
                    BenchData.SLOTS);
            var rows = new StringBuilder(BenchData.SLOTS * 120);
            String created = now.toString();
            String expires = now.plus(Duration.ofDays(1)).toString();
            var hex = HexFormat.of();
            for (int slot = 1; slot <= BenchData.SLOTS; slot++) {
                byte[] hash = hasher.pinHash(BenchData.accountNumber(slot), BenchData.pin(slot));
                rows.append(slot)
                        .append('\t')
                        .append(slot)
                        .append("\t\\\\x")
                        .append(hex.formatHex(hash))
                        .append('\t')
                        .append(created)
                        .append('\t')
                        .append(expires)
                        .append('\n');
            }
            try {
                handle.getConnection()
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "COPY support_pin (account_id, contact_id, pin_hash, created_at, expires_at) FROM STDIN",
                                new StringReader(rows.toString()));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot seed PINs", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            handle.execute("""
                    INSERT INTO call (call_sid, caller, started_at, updated_at, account_entered)
                    SELECT 'CA' || lpad(to_hex(i), 32, '0'), '+1415' || lpad((i % 10000000)::text, 7, '0'),
                           ?, ?, (10000000 + i)::text
                      FROM generate_series(?, ?) i
                    """, now, now, BenchData.PIN_STEP.from(), BenchData.PIN_STEP.to() - 1);
        });
        // Statistics for the planner, and the seeding's dirty pages written out now, so that neither a
        // checkpoint nor autovacuum of the seed lands in a measured phase.
        jdbi.useHandle(handle -> {
            handle.execute("VACUUM ANALYZE");
            handle.execute("CHECKPOINT");
        });
    }
}
