package com.supportpin.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL {@code serve} runs without DATABASE_URL: durable and locked down (README, "Durability"). */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** The superuser's password, beside the other generated secrets in DATA_DIR. */
    public static final String PASSWORD_FILE = "postgres-password";

    /** Never relaxed by the app: a crash must not lose a commit the caller was told about. */
    static final Map<String, String> DURABLE =
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
    /** Loopback TCP only, no Unix socket, passwords stored as SCRAM verifiers. */
    static final Map<String, String> LOCKED_DOWN = Map.of(
            "listen_addresses", "127.0.0.1", "unix_socket_directories", "", "password_encryption", "scram-sha-256");
    /** Written at every start, so an old {@code trust} line or a hand edit never survives a restart. */
    static final List<String> HBA = List.of(
            "# Written by Support PIN IVR at every start: loopback only, SCRAM-SHA-256 only.",
            "# The superuser's password is in DATA_DIR/" + PASSWORD_FILE + ".",
            "host    all    all    127.0.0.1/32    scram-sha-256",
            "host    all    all    ::1/128         scram-sha-256");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final PostgresServer server;
    private final int port;
    private final String password;

    private EmbeddedPostgres(PostgresServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    /** Thrown when PostgreSQL already runs on DATA_DIR: another process serves from it, or one was killed. */
    public static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning(String message) {
            super(message);
        }
    }

    /** Starts (creating or upgrading first, when needed) the server under {@code dataDir} on a free port. */
    public static EmbeddedPostgres start(Path dataDir) {
        return start(dataDir, 0, Map.of());
    }

    /** {@link #start(Path)} on {@code port} (0: a free one), with settings over the defaults (tests only). */
    public static EmbeddedPostgres start(Path dataDir, int port, Map<String, String> extraSettings) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath().normalize();
        var server = new PostgresServer(PostgresBinaries.bundled(), pgData, dataDir.resolve("postgres.log"));
        server.postmasterPid().ifPresent(pid -> {
            throw new AlreadyRunning("PostgreSQL already runs on " + pgData + " (pid " + pid + "): another "
                    + "process serves from this DATA_DIR, or one was killed; stop it with: kill -INT " + pid);
        });
        boolean passwordExisted = Files.exists(dataDir.resolve(PASSWORD_FILE));
        String password = DataDirSecrets.loadOrCreate(dataDir, PASSWORD_FILE);
        if (!server.initialised()) {
            server.initdb(dataDir.resolve(PASSWORD_FILE));
        } else if (!passwordExisted || !hbaIsOurs(pgData)) {
            log.warn(
                    "securing the embedded PostgreSQL under {} (made by an older release, or its password file "
                            + "was missing): the superuser gets the password in {}, pg_hba.conf allows SCRAM-SHA-256 from "
                            + "loopback only; the data is kept",
                    pgData,
                    dataDir.resolve(PASSWORD_FILE));
            server.setSuperuserPassword(password);
        }
        server.writeHba(HBA);
        int chosenPort = port == 0 ? PostgresServer.freePort() : port;
        var settings = new LinkedHashMap<String, String>();
        settings.putAll(DURABLE);
        settings.putAll(LOCKED_DOWN);
        settings.putAll(extraSettings);
        server.start(chosenPort, settings);
        log.info("embedded PostgreSQL started on port {} with data in {}", chosenPort, pgData);
        return new EmbeddedPostgres(server, chosenPort, password);
    }

    /** The port and password of the server a running {@code serve} holds under {@code dataDir}. */
    public static Optional<Connection> running(Path dataDir) {
        if (!Files.isReadable(dataDir.resolve(PASSWORD_FILE))) {
            return Optional.empty();
        }
        return PostgresServer.runningPort(dataDir.resolve("postgres"))
                .map(port -> new Connection(
                        jdbcUrl(port, "postgres"), SUPERUSER, DataDirSecrets.loadOrCreate(dataDir, PASSWORD_FILE)));
    }

    /** Where and as whom to connect. */
    public record Connection(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Connection[" + jdbcUrl + ", user " + user + "]";
        }
    }

    /** How to reach {@code database} on this server (the password is not in the URL). */
    public Connection connection(String database) {
        return new Connection(jdbcUrl(port, database), SUPERUSER, password);
    }

    public int port() {
        return port;
    }

    public PostgresServer server() {
        return server;
    }

    private static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static boolean hbaIsOurs(Path pgData) {
        try {
            return Files.readString(pgData.resolve("pg_hba.conf"), StandardCharsets.UTF_8)
                    .equals(String.join("\n", HBA) + "\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server cleanly (a checkpoint, so the next start needs no recovery). */
    @Override
    public void close() {
        if (server.postmasterPid().isPresent()) {
            server.stop(PostgresServer.StopMode.FAST);
        }
    }
}
