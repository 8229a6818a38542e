package com.supportpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.ContactCsv;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.OperatorCli;
import com.supportpin.support.OperatorCli.Run;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands, run through {@link Cli#run} against the real server's database. */
class OperatorCommandsTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int accounts = 8100;

    @TempDir
    Path directory;

    private String account;
    private long alice;
    private long bob;

    @BeforeEach
    void addAccount() {
        account = String.valueOf(accounts++);
        alice = server.addContact(account, "Alice Operator", "alice" + account + "@example.com", "correct horse 1");
        bob = server.addContact(account, "Bob Operator", "bob" + account + "@example.com", "correct horse 2");
    }

    @Test
    void contactsImportReportsBadRowsByLineAndSaysWhatToDo() {
        Path file = ContactCsv.write(
                directory,
                "export.csv",
                "account_number,name,email,phone,password_hash",
                "9101,Ann Import,ann" + account + "@example.com,," + ContactCsv.BCRYPT_HASH,
                "9101,,nobody" + account + "@example.com,," + ContactCsv.BCRYPT_HASH,
                "9102,Cy Import,not-an-email,," + ContactCsv.BCRYPT_HASH);

        Run run = cli("contacts", "import", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("imported 1 contact from 3 rows; skipped 2: 1 missing a field, 1 invalid in ");
        assertThat(run.err().lines().toList())
                .containsExactly(
                        "export.csv: line 3: missing name",
                        "export.csv: line 4: e-mail address is not valid",
                        "error: 2 rows were skipped (listed above): fix them and import the file again;"
                                + " contacts already imported stay as they are");
    }

    @Test
    void contactsImportTwiceImportsOnceAndSucceedsBothTimes() {
        Path file = ContactCsv.generate(directory, "twice" + account + "-", 250);

        Run first = cli("contacts", "import", "--batch-size", "100", file.toString());
        Run second = cli("contacts", "import", "--max-problems", "3", file.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("imported 250 contacts from 250 rows in ");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).startsWith("imported 0 contacts from 250 rows; skipped 250: 250 already present in ");
        assertThat(second.err().lines())
                .hasSize(4)
                .last()
                .isEqualTo("(more skipped rows are counted but not listed: see --max-problems)");
    }

    @Test
    void contactsImportOfAMissingFileOrWithoutOneFailsInOneLine() {
        Run missing = cli("contacts", "import", directory.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).endsWith("nope.csv does not exist: give the path of the CSV file to import\n");

        Run usage = cli("contacts", "import");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: Missing required parameter: 'FILE.csv'")
                .endsWith("--help)");

        Path noHeader = ContactCsv.write(directory, "bad.csv", "account,name", "1,A");
        Run bad = cli("contacts", "import", noHeader.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("the header lacks account_number");
    }

    @Test
    void pinRevokeWithdrawsTheAccountsUnusedPins() {
        String alicesPin = server.generatePin(alice);
        server.generatePin(bob);

        Run run = cli("pin", "revoke", "--account", account);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("revoked 2 unused Support PINs of account " + account + "\n");
        assertThat(keyPin(alicesPin)).doesNotContain("<Enqueue");
        assertThat(cli("pin", "revoke", "--account", account).out()).contains("has no unused Support PIN");
    }

    @Test
    void pinRevokeWithAnEmailWithdrawsOnlyThatContactsPin() {
        String alicesPin = server.generatePin(alice);
        String bobsPin = server.generatePin(bob);

        Run run = cli("pin", "revoke", "--account", account, "--email", "BOB" + account + "@example.com");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "revoked 1 unused Support PIN of bob" + account + "@example.com (account " + account + ")\n");
        if (!alicesPin.equals(bobsPin)) {
            assertThat(keyPin(bobsPin)).doesNotContain("<Enqueue");
        }
        assertThat(Twiml.text(keyPin(alicesPin), "Enqueue")).isEqualTo("support");
    }

    @Test
    void pinRevokeRefusesAContactOfAnotherAccountAndABadAccountNumber() {
        Run other = cli("pin", "revoke", "--account", "1", "--email", "alice" + account + "@example.com");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err())
                .startsWith("error: account 1 has no contact with e-mail")
                .endsWith("of the account\n");

        assertThat(cli("pin", "revoke", "--account", "12ab").exitCode()).isEqualTo(2);
        assertThat(cli("pin", "revoke").exitCode()).isEqualTo(2);
    }

    @Test
    void lockoutClearLetsALockedAccountVerifyAgain() {
        String pin = server.generatePin(alice);
        server.jdbi()
                .useHandle(handle -> handle.createUpdate(
                                "INSERT INTO pin_guard (account_number, failed_attempts, locked_until) VALUES (:account, 0, :until)")
                        .bind("account", account)
                        .bind("until", Instant.now().plus(Duration.ofHours(1)))
                        .execute());
        assertThat(keyPin(pin)).contains("support-unverified");

        Run run = cli("lockout", "clear", "--account", account);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("lifted the lockout of account " + account + " (it would have lasted until ");
        assertThat(Twiml.text(keyPin(pin), "Enqueue")).isEqualTo("support");
        assertThat(cli("lockout", "clear", "--account", account).out()).contains("was not locked out");
    }

    @Test
    void auditPrintsTheAttemptsAsATableWithoutPinDigits() {
        String pin = server.generatePin(alice);
        String wrong = pin.equals("1111") ? "2222" : "1111";
        var call = twilio.call("+14155550177");
        call.incoming();
        call.account(account);
        call.pin(wrong);
        call.account(account);
        call.pin(pin);
        call.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "hangup", "QueueTime", "12"));
        call.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed"));

        Run run = cli("audit", "--account", account, "--since", "2026-11-26T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "time (UTC)           CallSid                             caller        outcome",
                        "2026-11-26 10:00:00  " + call.callSid() + "  +14155550177  wrong_pin",
                        "2026-11-26 10:00:00  " + call.callSid() + "  +14155550177  verified",
                        "2 attempts since 2026-11-26 00:00:00 UTC",
                        "",
                        "CallSid                             verification    queue    left queue  waited  last status  "
                                + "PIN used (UTC)",
                        call.callSid()
                                + "  verified (ivr)  support  hangup      12 s    completed    2026-11-26 10:00:00");
        // The server's clock is fixed in the past: a window counted back from now holds nothing.
        assertThat(cli("audit", "--account", account, "--since", "1h").out())
                .startsWith("no verification attempts on account " + account + " since ");
    }

    @Test
    void auditRefusesASinceItCannotRead() {
        Run run = cli("audit", "--account", account, "--since", "yesterday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --since must be a duration such as 30m");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {
            {"call"}, {"contacts", "import"}, {"contact", "add"}, {"pin", "revoke"}, {"lockout", "clear"}, {"audit"}
        }) {
            String[] args = Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Run help = cli(args);
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            // "contacts" is an alias of "contact", whose name the usage line shows
            assertThat(help.out())
                    .startsWith("Usage: support-pin-ivr "
                            + String.join(" ", command).replace("contacts", "contact"));
        }
    }

    /** Keys the account and a PIN on a fresh call; returns the PIN step's TwiML. */
    private String keyPin(String pin) {
        var call = twilio.call("+14155550188");
        call.incoming();
        call.account(account);
        return call.pin(pin).body();
    }

    private Run cli(String... args) {
        return OperatorCli.run(server, args);
    }
}
