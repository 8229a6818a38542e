package com.supportpin.store;

import com.supportpin.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The process's one connection pool and {@link Jdbi}, plus the embedded PostgreSQL when there is one. */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Connection, statement and lock timeouts: a stuck database must not hold a caller in silence. */
    public static final int TIMEOUT_MS = 2000;
    /** Just above the statement timeout: PostgreSQL's own cancel comes first; this fires only on a silent server or network. */
    static final int SOCKET_TIMEOUT_S = 3;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Optional<EmbeddedPostgres> embedded;

    private Database(HikariDataSource dataSource, Optional<EmbeddedPostgres> embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    /** Opens the configured database: DATABASE_URL when set, otherwise embedded PostgreSQL under DATA_DIR. */
    public static Database open(Config config, int maxPoolSize) {
        return config.databaseUrl()
                .map(url -> connect(url, maxPoolSize))
                .orElseGet(() -> startEmbedded(config.dataDir(), maxPoolSize));
    }

    /** {@link #open} for one-shot commands: connects to a running {@code serve}'s embedded database instead of failing. */
    public static Database openBesideService(Config config, int maxPoolSize) {
        if (config.databaseUrl().isPresent()) {
            return open(config, maxPoolSize);
        }
        try {
            return startEmbedded(config.dataDir(), maxPoolSize);
        } catch (EmbeddedPostgres.AlreadyRunning inUse) {
            return EmbeddedPostgres.running(config.dataDir())
                    .map(running -> new Database(
                            pool(running.jdbcUrl(), running.user(), running.password(), maxPoolSize), Optional.empty()))
                    .orElseThrow(() -> inUse);
        }
    }

    /** Connects to the given JDBC URL (credentials in the URL, or none). */
    public static Database connect(String jdbcUrl, int maxPoolSize) {
        return new Database(pool(jdbcUrl, null, null, maxPoolSize), Optional.empty());
    }

    /** Starts (or restarts) the durable, locked-down PostgreSQL under {@code dataDir}, then connects. */
    public static Database startEmbedded(Path dataDir, int maxPoolSize) {
        return startEmbedded(dataDir, maxPoolSize, Map.of());
    }

    /** {@link #startEmbedded(Path, int)} with server settings over the defaults: tests only, never the app. */
    public static Database startEmbedded(Path dataDir, int maxPoolSize, Map<String, String> extraSettings) {
        var postgres = EmbeddedPostgres.start(dataDir, 0, extraSettings);
        try {
            var connection = postgres.connection("postgres");
            return new Database(
                    pool(connection.jdbcUrl(), connection.user(), connection.password(), maxPoolSize),
                    Optional.of(postgres));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password, int maxPoolSize) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("support-pin-ivr");
        config.setMaximumPoolSize(maxPoolSize);
        config.setConnectionTimeout(TIMEOUT_MS);
        config.setValidationTimeout(1000);
        config.setKeepaliveTime(30_000);
        // Start even while the database is down; /health reports it and the pool recovers by itself.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(TIMEOUT_MS / 1000));
        config.addDataSourceProperty("loginTimeout", String.valueOf(TIMEOUT_MS / 1000));
        config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_S));
        // idle_in_transaction_session_timeout frees a call's row lock if this process vanishes mid-transaction.
        config.addDataSourceProperty(
                "options",
                "-c statement_timeout=" + TIMEOUT_MS
                        + " -c lock_timeout=" + TIMEOUT_MS + " -c idle_in_transaction_session_timeout=10000"
                        + " -c TimeZone=UTC");
        config.addDataSourceProperty("prepareThreshold", "1");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Server error details quote row values (a key that already exists, say): keep them out of messages and logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        // Failover (pgjdbc's advice for multi-host URLs): only ever use a server that takes writes, and
        // look again at a host's role every 2 s, so a promoted standby is found within seconds (the
        // driver's default caches a host's role for 10 s). A value in DATABASE_URL wins over both.
        config.addDataSourceProperty("targetServerType", "primary");
        config.addDataSourceProperty("hostRecheckSeconds", "2");
        return new HikariDataSource(config);
    }

    /** Thrown when the database has migrations this build does not know: it was migrated by a newer release. */
    public static final class SchemaTooNew extends RuntimeException {
        SchemaTooNew(String message) {
            super(message);
        }
    }

    /** Applies the Flyway migrations forward only; a schema newer than this build refuses to start. */
    public void migrate() {
        migrate("classpath:db/migration");
    }

    /** {@link #migrate()} from given locations (tests add one with an extra migration). */
    public void migrate(String... locations) {
        // Flyway's own connections, not the pool's: a migration may run longer than the 2 s statement timeout
        // webhooks live under, but it must not queue the app's queries behind a lock it waits on for long.
        String url = dataSource.getJdbcUrl();
        String migrationUrl = url + (url.contains("?") ? "&" : "?") + "options="
                + URLEncoder.encode("-c statement_timeout=0 -c lock_timeout=10s", StandardCharsets.UTF_8)
                + (url.contains("targetServerType=") ? "" : "&targetServerType=primary");
        Flyway flyway = Flyway.configure()
                .dataSource(migrationUrl, dataSource.getUsername(), dataSource.getPassword())
                .locations(locations)
                .outOfOrder(false)
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .ignoreMigrationPatterns(new String[0])
                .load();
        refuseNewerSchema(flyway);
        flyway.migrate();
    }

    private static void refuseNewerSchema(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        List<String> future = Arrays.stream(info.all())
                .filter(migration -> migration.getState() == MigrationState.FUTURE_SUCCESS
                        || migration.getState() == MigrationState.FUTURE_FAILED)
                .map(migration -> String.valueOf(migration.getVersion()))
                .toList();
        if (!future.isEmpty()) {
            String known = Arrays.stream(info.all())
                    .filter(migration -> migration.getState() != MigrationState.FUTURE_SUCCESS
                            && migration.getState() != MigrationState.FUTURE_FAILED
                            && migration.getVersion() != null)
                    .map(migration -> String.valueOf(migration.getVersion()))
                    .reduce((first, second) -> second)
                    .orElse("none");
            throw new SchemaTooNew("the database schema is newer than this release: it has migration(s) "
                    + String.join(", ", future) + " but this release knows up to " + known
                    + ". Refusing to start; run the newer release (migrations only move forward).");
        }
    }

    /** What the server does with a commit, as this app's sessions see it. */
    public record Durability(boolean fsync, String synchronousCommit) {
        /** The settings that let a crash lose a commit the app already acted on; empty when none. */
        public List<String> risks() {
            var risks = new ArrayList<String>();
            if (!fsync) {
                risks.add("fsync=off");
            }
            if ("off".equals(synchronousCommit)) {
                risks.add("synchronous_commit=off");
            }
            return risks;
        }
    }

    /** Reads fsync and synchronous_commit as the app's own sessions get them (per role and database too). */
    public Durability durability() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT current_setting('fsync') = 'on' AS fsync, current_setting('synchronous_commit') AS sync")
                .map((row, context) -> new Durability(row.getBoolean("fsync"), row.getString("sync")))
                .one());
    }

    /** Warns once when the database may lose commits in a crash (a consumed PIN would be valid again). */
    public void warnIfNotDurable() {
        Durability durability;
        try {
            durability = durability();
        } catch (RuntimeException unreachable) {
            return;
        }
        if (!durability.risks().isEmpty()) {
            log.warn(
                    "PostgreSQL runs with {}: a crash can lose commits, so a Support PIN that was used (and "
                            + "answered verified) can become valid again. Turn {} on.",
                    String.join(" and ", durability.risks()),
                    durability.risks().size() == 1 ? "it" : "both");
        }
    }

    /** Publishes the pool's gauges and timers (hikaricp_*) to the registry. */
    public void instrument(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public HikariDataSource pool() {
        return dataSource;
    }

    /** True when the database answers a trivial query within the timeout. */
    public boolean isHealthy() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(postgres -> {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        });
    }
}
