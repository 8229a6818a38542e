package com.supportpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.OperatorCli;
import com.supportpin.support.OperatorCli.Run;
import com.supportpin.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's agent commands, run as the CLI runs them, against a real database. */
class AgentCommandTest {

    private static String databaseUrl;

    @BeforeAll
    static void freshDatabase() {
        databaseUrl = TestDatabase.freshDatabaseUrl();
    }

    private static Run run(String stdin, String... args) {
        return OperatorCli.run(OperatorCli.env(databaseUrl), stdin, args);
    }

    /** {@code agent add} with these options, {@code stdin} giving the password and the passcode. */
    private static Run addAgent(String stdin, String name, String email, String code) {
        return run(stdin, "agent", "add", "--name", name, "--email", email, "--code", code);
    }

    @Test
    void addingAnAgentStoresOnlyHashesOfThePasswordAndPasscode() {
        var run = addAgent("console pass 123\n482913\n", "Ann Agent", "ann@support.example", "7001");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("added agent").contains("7001");
        var row = Jdbi.create(databaseUrl)
                .withHandle(handle -> handle.createQuery(
                                "SELECT password_hash, passcode_hash FROM agent WHERE agent_code = '7001'")
                        .mapToMap()
                        .one());
        assertThat((String) row.get("password_hash")).startsWith("$argon2id$").doesNotContain("console pass 123");
        assertThat((String) row.get("passcode_hash")).startsWith("$argon2id$").doesNotContain("482913");
    }

    @Test
    void aShortOrNonNumericPasscodeIsRefusedWithExitCodeOne() {
        var shortPasscode = addAgent("console pass 123\n48291\n", "Bo", "bo@support.example", "7002");
        var letters = addAgent("console pass 123\nabcdefg\n", "Bo", "bo@support.example", "7002");

        assertThat(shortPasscode.exitCode()).isEqualTo(1);
        assertThat(shortPasscode.err()).contains("passcode must be 6 to 12 digits");
        assertThat(letters.exitCode()).isEqualTo(1);
    }

    @Test
    void aTakenCodeOrMissingStdinIsRefusedAndMissingOptionsAreAUsageError() {
        addAgent("console pass 123\n482913\n", "Cy", "cy@support.example", "7003");
        var taken = addAgent("console pass 456\n559201\n", "Di", "di@support.example", "7003");
        var noPasscode = addAgent("console pass 456\n", "Di", "di@support.example", "7004");
        var usage = run("", "agent", "add", "--name", "Di");

        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("already exists");
        assertThat(noPasscode.exitCode()).isEqualTo(1);
        assertThat(noPasscode.err()).contains("second");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    @Test
    void disablingAnAgentMarksItAndAnUnknownCodeFails() {
        addAgent("console pass 123\n482913\n", "Ed", "ed@support.example", "7005");

        var disabled = run("", "agent", "disable", "--code", "7005");
        var unknown = run("", "agent", "disable", "--code", "7999");

        assertThat(disabled.exitCode()).isZero();
        assertThat(disabled.out()).contains("disabled agent with code 7005");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no agent has code 7999");
    }
}
