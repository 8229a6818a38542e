package com.supportpin.support;

import com.supportpin.store.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the whole test run (starting one per test is slow): the app's own embedded
 * server, durable and password-protected as {@code serve} runs it. Each caller gets a database of its
 * own, so tests never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger counter = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("support-pin-test-db");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a directory for the tests' PostgreSQL", e);
            }
            // many test classes keep a pool of 16 open at once
            postgres = EmbeddedPostgres.start(dataDir, 0, Map.of("max_connections", "300"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                postgres.close();
                TempFiles.deleteTree(dataDir);
            }));
        }
        return postgres;
    }

    /** Creates an empty database and returns its JDBC URL, with the superuser's credentials in it. */
    public static String freshDatabaseUrl() {
        String name = "test_" + counter.incrementAndGet() + "_"
                + ProcessHandle.current().pid();
        var admin = postgres().connection("postgres");
        try (var connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return urlWithCredentials(postgres().connection(name));
    }

    /** A JDBC URL that carries its user and password, as a DATABASE_URL does. */
    public static String urlWithCredentials(EmbeddedPostgres.Connection connection) {
        return connection.jdbcUrl() + "?user=" + connection.user() + "&password=" + connection.password();
    }
}
