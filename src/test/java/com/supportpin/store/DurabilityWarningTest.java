package com.supportpin.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.CapturedOutput;
import com.supportpin.support.TestDatabase;
import com.supportpin.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With DATABASE_URL the app reads fsync and synchronous_commit at start, as its own sessions get them,
 * and names the risk in one warning line when either is off.
 */
class DurabilityWarningTest {

    @TempDir
    Path dataDir;

    @Test
    void synchronousCommitOffForTheAppsDatabaseGetsOneWarningNamingTheRisk() {
        String url = TestDatabase.freshDatabaseUrl();
        Jdbi.create(url).useHandle(handle -> handle.execute("""
                DO $$ BEGIN
                    EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database());
                END $$"""));

        List<String> warnings = warningsWhileStarting(url);

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .contains(
                        "WARN",
                        "synchronous_commit=off",
                        "a crash can lose commits",
                        "Support PIN that was used",
                        "valid again")
                .doesNotContain("fsync=off");
    }

    @Test
    void aServerRunWithoutFsyncOrSynchronousCommitGetsOneWarningNamingBoth() {
        try (var relaxed = EmbeddedPostgres.start(dataDir, 0, Map.of("fsync", "off", "synchronous_commit", "off"))) {
            List<String> warnings =
                    warningsWhileStarting(TestDatabase.urlWithCredentials(relaxed.connection("postgres")));

            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .contains("fsync=off and synchronous_commit=off", "valid again", "Turn both on");
        }
    }

    @Test
    void aDurableDatabaseGetsNoWarning() {
        assertThat(warningsWhileStarting(TestDatabase.freshDatabaseUrl())).isEmpty();
    }

    private static List<String> warningsWhileStarting(String databaseUrl) {
        try (var output = new CapturedOutput()) {
            TestServer.start(databaseUrl, Map.of()).close();
            return output.text()
                    .lines()
                    .filter(line -> line.contains("PostgreSQL runs with"))
                    .toList();
        }
    }
}
