package com.supportpin.support;

import com.supportpin.store.PostgresBinaries;
import com.supportpin.store.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two real PostgreSQL servers from Debian's {@code postgresql} package (which .ci/run installs) in
 * synchronous streaming replication: a primary whose every commit waits until the standby has it on
 * disk, and a hot standby made with pg_basebackup. As root (CI) both run under {@code unshare -U}, as
 * the embedded server does.
 */
public final class ReplicatedPostgres implements AutoCloseable {

    private static final String STANDBY_NAME = "standby1";

    private final PostgresBinaries binaries;
    private final PostgresServer primary;
    private final PostgresServer standby;
    private final int primaryPort = PostgresServer.freePort();
    private final int standbyPort = PostgresServer.freePort();
    private final String password = "replicated-" + Long.toHexString(System.nanoTime());

    private ReplicatedPostgres(Path directory) {
        this.binaries = debianBinaries();
        this.primary = new PostgresServer(binaries, directory.resolve("primary"), directory.resolve("primary.log"));
        this.standby = new PostgresServer(binaries, directory.resolve("standby"), directory.resolve("standby.log"));
    }

    /** Makes the primary, clones the standby from it, starts both and waits until replication is synchronous. */
    public static ReplicatedPostgres start(Path directory) throws Exception {
        var pair = new ReplicatedPostgres(directory);
        try {
            pair.startBoth(directory);
            return pair;
        } catch (Exception | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    private void startBoth(Path directory) throws Exception {
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        primary.initdb(passwordFile);
        primary.writeHba(List.of(
                "host    all            all    127.0.0.1/32    scram-sha-256",
                "host    replication    all    127.0.0.1/32    scram-sha-256"));
        var primarySettings = settings();
        primarySettings.put("synchronous_standby_names", STANDBY_NAME);
        primary.start(primaryPort, primarySettings);

        run(binaries.command(
                "pg_basebackup",
                List.of(
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(primaryPort),
                        "-U",
                        "postgres",
                        "-D",
                        standby.dataDirectory().toString(),
                        "-X",
                        "stream",
                        "-R",
                        "-c",
                        "fast")));
        // The standby names itself, so that the primary's synchronous_standby_names finds it.
        Files.writeString(
                standby.dataDirectory().resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=postgres password=" + password
                        + " application_name=" + STANDBY_NAME + "'\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        standby.start(standbyPort, settings());
        awaitSynchronousStandby();
    }

    /** The same settings on both, as Patroni or CloudNativePG keep them. */
    private static Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("unix_socket_directories", "");
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "4");
        settings.put("hot_standby", "on");
        settings.put("max_connections", "100");
        return settings;
    }

    /** The app's DATABASE_URL: both hosts, and only ever the one that takes writes. */
    public String databaseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort
                + "/postgres?targetServerType=primary&user=postgres&password=" + password;
    }

    /** Stops the primary at once, without a checkpoint or a goodbye to its clients: as a crash would. */
    public void stopPrimaryImmediately() {
        primary.stop(PostgresServer.StopMode.IMMEDIATE);
    }

    /** Promotes the standby and waits until it takes writes. */
    public void promoteStandby() throws Exception {
        run(binaries.command(
                "pg_ctl", List.of("promote", "-D", standby.dataDirectory().toString(), "-w", "-t", "30")));
    }

    private void awaitSynchronousStandby() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String url = "jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres";
        while (true) {
            try (var connection = DriverManager.getConnection(url, "postgres", password);
                    var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_replication "
                            + "WHERE application_name = '" + STANDBY_NAME + "' AND sync_state = 'sync'")) {
                rows.next();
                if (rows.getInt(1) == 1) {
                    return;
                }
            } catch (SQLException notYet) {
                // the primary is still starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the standby never became synchronous; see standby.log beside " + standby.dataDirectory());
            }
            Thread.sleep(100);
        }
    }

    /** The newest PostgreSQL under /usr/lib/postgresql/&lt;version&gt;/bin (Debian's layout). */
    static PostgresBinaries debianBinaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_basebackup"))
                            && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(
                            bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .map(PostgresBinaries::new)
                    .orElseThrow(ReplicatedPostgres::missing);
        } catch (IOException e) {
            throw missing();
        }
    }

    private static AssertionError missing() {
        return new AssertionError("Debian's postgresql package is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); "
                + ".ci/run installs it, or: apt-get install postgresql");
    }

    private void run(List<String> command) throws Exception {
        var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Stops whichever servers still run. */
    @Override
    public void close() {
        for (PostgresServer server : List.of(standby, primary)) {
            try {
                if (server.postmasterPid().isPresent()) {
                    server.stop(PostgresServer.StopMode.IMMEDIATE);
                }
            } catch (RuntimeException e) {
                server.postmasterPid()
                        .ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }
}
