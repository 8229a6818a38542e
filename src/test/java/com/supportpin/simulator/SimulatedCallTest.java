package com.supportpin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.cli.Cli;
import com.supportpin.support.OperatorCli;
import com.supportpin.support.OperatorCli.Run;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Full calls placed by {@code call --keys} against the real server and PostgreSQL. */
class SimulatedCallTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Records records = new Records(server);

    private static int accounts = 7100;

    private String account;
    private long contact;

    @BeforeEach
    void addContact() {
        account = String.valueOf(accounts++);
        contact = server.addContact(account, "Casey Caller", "casey" + account + "@example.com", "correct horse 7");
    }

    @Test
    void aCallerKeyingTheRightPinHearsVerifiedAndWaitsInTheSupportQueue() {
        String pin = server.generatePin(contact);

        Run run = call("--keys", account + "#," + pin);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("[caller] hears: Thank you for calling support.")
                .contains("[caller] presses xxxx#")
                .contains("[caller] presses xxxx\n")
                .contains("You are verified")
                .contains("waits in queue 'support' at position 1")
                .contains("You are number 1 in line.")
                .contains("[audio: http://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3]")
                .contains("-> POST /voice/queue-exit")
                .contains("(status callback: completed)")
                .endsWith("call completed\n");
        Map<String, Object> record = records.call(callSid(run));
        assertThat(record.get("verified_by")).isEqualTo("ivr");
        assertThat(record.get("queue")).isEqualTo("support");
        assertThat(record.get("queue_result")).isEqualTo("hangup");
        assertThat(record.get("final_status")).isEqualTo("completed");
        assertThat(record.get("caller")).isEqualTo("+14155550100");
    }

    @Test
    void aWrongPinIsRefusedAndTheCallerIsAskedForBothAgain() {
        String pin = server.generatePin(contact);
        String wrong = pin.equals("1111") ? "2222" : "1111";

        Run run = call("--from", "+14155550123", "--keys", account + "#," + wrong);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("did not match")
                .doesNotContain("You are verified")
                .doesNotContain("waits in queue");
        assertThat(lastLine(run.out(), "[caller]")).contains("status callback: completed");
        Map<String, Object> audit = server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT outcome, caller FROM verification_attempt WHERE account_entered = :account")
                        .bind("account", account)
                        .mapToMap()
                        .one());
        assertThat(audit).containsEntry("outcome", "wrong_pin").containsEntry("caller", "+14155550123");
    }

    @Test
    void aSilentCallerIsAskedAgainThenRoutedToTheUnverifiedQueue() {
        Run run = call("--keys", ",,,");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("[caller] presses nothing")
                .contains("(no input: after 7 s Twilio carries on with the next verb)")
                .contains("Sorry, we did not hear anything.")
                .contains("We did not receive your details.")
                .contains("waits in queue 'support-unverified'");
        assertThat(records.call(callSid(run)).get("unverified_reason")).isEqualTo("silence");
    }

    @Test
    void aCallerPressingStarGoesToAnAgentWithoutAPin() {
        Run run = call("--keys", "*#");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("presses *#").contains("waits in queue 'support-unverified'");
    }

    /** The agent line end to end: {@code agent add}, then the simulator takes the waiting caller on it. */
    @Test
    void anAgentTakesTheVerifiedCallerOnTheRealAgentLine() {
        String pin = server.generatePin(contact);
        String agentCode = "47" + account;
        var err = new ByteArrayOutputStream();
        int added = Cli.run(
                new String[] {
                    "agent",
                    "add",
                    "--name",
                    "Ann Agent",
                    "--email",
                    "ann" + account + "@support.example",
                    "--code",
                    agentCode
                },
                new ByteArrayInputStream("console password 1\n482913\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(
                        "DATABASE_URL",
                        server.databaseUrl(),
                        "TWILIO_AUTH_TOKEN",
                        TestServer.AUTH_TOKEN,
                        "APP_SECRET",
                        TestServer.APP_SECRET));
        assertThat(added)
                .as("agent add: %s", err.toString(StandardCharsets.UTF_8).strip())
                .isZero();

        Run run = call("--keys", account + "#," + pin + ",a," + agentCode + "#,482913#");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("[agent]  dials queue 'support'")
                .contains("[caller] -> POST /voice/connect")
                .contains("[agent]  is connected to the caller")
                .contains("[agent]  -> POST /voice/agent/status (status callback: completed)");
        assertThat(records.call(callSid(run)).get("queue_result")).isEqualTo("bridged");
    }

    @Test
    void aWrongAuthTokenIsRefusedByTheServerAndReportedAsTwilioWould() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Cli.run(
                new String[] {"call", "--server", server.localUrl(""), "--keys", "1#"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("TWILIO_AUTH_TOKEN", "not-the-token", "PUBLIC_BASE_URL", TestServer.PUBLIC_BASE_URL));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "Twilio error 11200 (HTTP retrieval failure: https://ivr.example.com/voice/incoming answered HTTP 403")
                .contains("hears: We are sorry, an application error has occurred. Goodbye.");
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .startsWith("error: the call failed")
                .contains("use its TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL")
                .doesNotContain("\n");
    }

    private Run call(String... options) {
        return OperatorCli.call(server, options);
    }

    /** The CallSid of the call a transcript placed. */
    private static String callSid(Run run) {
        var matcher = Pattern.compile("\\(CallSid (CA[0-9a-f]{32})\\)").matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        return matcher.group(1);
    }

    private static String lastLine(String transcript, String prefix) {
        return transcript
                .lines()
                .filter(line -> line.startsWith(prefix))
                .reduce((first, second) -> second)
                .orElse("");
    }
}
