package com.supportpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.OperatorCli;
import com.supportpin.support.OperatorCli.Run;
import com.supportpin.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator CLI, run in-process with the same environment variables an operator would set. */
class ContactCommandTest {

    private static Map<String, String> env;

    @BeforeAll
    static void database() {
        env = Map.of(
                "DATABASE_URL",
                TestDatabase.freshDatabaseUrl(),
                "TWILIO_AUTH_TOKEN",
                "cli-test-token",
                "APP_SECRET",
                "cli-test-secret-0123456789abcdef0123456789");
    }

    static Run run(String stdin, String... args) {
        return OperatorCli.run(env, stdin, args);
    }

    @Test
    void migrateBringsTheSchemaUpToDate() {
        var run = run("", "migrate");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("up to date");
    }

    @Test
    void contactAddReadsThePasswordFromStandardInput() {
        var run = run(
                "a long enough password\n",
                "contact",
                "add",
                "--account",
                "4001",
                "--name",
                "Dana",
                "--email",
                "dana@example.com",
                "--phone",
                "+14155550142");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("dana@example.com").doesNotContain("a long enough password");
    }

    @Test
    void aWeakPasswordIsRefusedWithAClearMessage() {
        var run = run("short\n", "contact", "add", "--account", "4002", "--name", "Eve", "--email", "eve@example.com");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("at least 8 characters");
        var common = run(
                "password123\n", "contact", "add", "--account", "4002", "--name", "Eve", "--email", "eve@example.com");
        assertThat(common.exitCode()).isEqualTo(1);
        assertThat(common.err()).contains("too common");
        var longOne = run(
                "x".repeat(64) + "y".repeat(65) + "\n",
                "contact",
                "add",
                "--account",
                "4002",
                "--name",
                "Eve",
                "--email",
                "eve@example.com");
        assertThat(longOne.exitCode()).isEqualTo(1);
        assertThat(longOne.err()).contains("at most 128");
    }

    @Test
    void aDuplicateEmailIsRefusedWhateverItsCase() {
        assertThat(run(
                                "first password 1\n",
                                "contact",
                                "add",
                                "--account",
                                "4003",
                                "--name",
                                "Finn",
                                "--email",
                                "finn@example.com")
                        .exitCode())
                .isZero();
        var again = run(
                "second password 2\n",
                "contact",
                "add",
                "--account",
                "4004",
                "--name",
                "Finn Two",
                "--email",
                "FINN@example.com");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void missingOptionsAreAUsageError() {
        var run = run("", "contact", "add", "--account", "4005");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options");
    }

    @Test
    void anInvalidConfigurationListsEveryProblemAndFails() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(
                new String[] {"migrate"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out),
                new PrintStream(err),
                Map.of("DATABASE_URL", "jdbc:postgresql://nowhere/db", "PIN_DIGITS", "12"));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("TWILIO_AUTH_TOKEN", "APP_SECRET", "PIN_DIGITS");
    }
}
