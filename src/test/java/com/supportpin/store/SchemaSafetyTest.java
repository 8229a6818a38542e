package com.supportpin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.App;
import com.supportpin.config.Config;
import com.supportpin.support.TestDatabase;
import com.supportpin.support.TestServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Migrations only move forward, and this release never runs against a schema from a newer one. */
class SchemaSafetyTest {

    @Test
    void theAppRefusesToStartOnASchemaANewerReleaseMigrated() {
        String url = TestDatabase.freshDatabaseUrl();
        try (var newer = Database.connect(url, 2)) {
            newer.migrate("classpath:db/migration", "classpath:db/future");
        }

        assertThatThrownBy(() -> App.start(config(url), Clock.systemUTC()))
                .isInstanceOf(Database.SchemaTooNew.class)
                .hasMessageContaining("newer than this release")
                .hasMessageContaining("999")
                .hasMessageContaining("Refusing to start");

        try (var database = Database.connect(url, 2)) {
            long applied = database.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history WHERE version = '999'")
                            .mapTo(Long.class)
                            .one());
            assertThat(applied).as("the newer migration is left alone").isEqualTo(1);
        }
    }

    @Test
    void aFutureRowInTheHistoryAloneIsEnoughToRefuse() {
        String url = TestDatabase.freshDatabaseUrl();
        try (var database = Database.connect(url, 2)) {
            database.migrate();
            database.jdbi().useHandle(h -> h.execute("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                      installed_by, execution_time, success)
                    SELECT max(installed_rank) + 1, '42.1', 'later', 'SQL', 'V42_1__later.sql', 0, current_user, 1, true
                      FROM flyway_schema_history
                    """));
            assertThatThrownBy(database::migrate)
                    .isInstanceOf(Database.SchemaTooNew.class)
                    .hasMessageContaining("42.1");
        }
    }

    @Test
    void migratingAnUpToDateSchemaAgainChangesNothing() {
        String url = TestDatabase.freshDatabaseUrl();
        try (var database = Database.connect(url, 2)) {
            database.migrate();
            long before = historyRows(database);
            database.migrate();
            assertThat(historyRows(database)).isEqualTo(before);
        }
    }

    @Test
    void aMigrationMayRunLongerThanTheStatementTimeoutOfTheApp() {
        String url = TestDatabase.freshDatabaseUrl();
        try (var database = Database.connect(url, 2)) {
            database.migrate("classpath:db/migration", "classpath:db/slow");
            long applied = database.jdbi()
                    .withHandle(h -> h.createQuery(
                                    "SELECT count(*) FROM flyway_schema_history WHERE version = '998' AND success")
                            .mapTo(Long.class)
                            .one());
            assertThat(applied).isEqualTo(1);
            // The pool itself keeps its 2 s limit.
            assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute("SELECT pg_sleep(2.5)")))
                    .hasMessageContaining("statement timeout");
        }
    }

    private static long historyRows(Database database) {
        return database.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history")
                        .mapTo(Long.class)
                        .one());
    }

    private static Config config(String url) {
        return Config.fromEnvironment(Map.of(
                "PORT",
                "0",
                "DATABASE_URL",
                url,
                "TWILIO_AUTH_TOKEN",
                TestServer.AUTH_TOKEN,
                "APP_SECRET",
                TestServer.APP_SECRET,
                "PUBLIC_BASE_URL",
                TestServer.PUBLIC_BASE_URL));
    }
}
