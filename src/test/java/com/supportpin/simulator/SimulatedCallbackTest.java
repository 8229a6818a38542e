package com.supportpin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.OperatorCli;
import com.supportpin.support.OperatorCli.Run;
import com.supportpin.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's callback walk-through, with {@code call --keys} against the real server: a caller on hold
 * asks for a callback; later, on the agent line, the agent is offered it ahead of a caller who joined the
 * queue after them, calls, and the simulator plays the customer's phone, which answers and presses 1.
 */
class SimulatedCallbackTest {

    private static final String AGENT_CODE = "4711";
    private static final String PASSCODE = "482913";

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("CALLBACK_OFFER_AFTER", "PT1M"));

    private static int accounts = 7300;
    private static int numbers = 3000;

    @BeforeAll
    static void addAgent() {
        server.addAgent("Ann Agent", "ann@support.example", AGENT_CODE, "console password 1", PASSCODE);
    }

    @BeforeEach
    void nobodyElseWaitsOrIsDue() {
        server.jdbi().useHandle(handle -> {
            handle.execute("UPDATE queue_member SET left_at = now(), left_result = 'test' WHERE left_at IS NULL");
            handle.execute("UPDATE callback_request SET state = 'cancelled', closed_at = now(),"
                    + " claimed_by_call_sid = NULL, claim_expires_at = NULL WHERE closed_at IS NULL");
        });
    }

    @Test
    void aVerifiedCallerIsCalledBackPressesOneAndIsConnectedAheadOfACallerWhoJoinedLater() {
        String asking = "+1415555" + numbers++;
        Run request = call("--from", asking, "--keys", account("Vera Verified") + ",,1");
        server.clock().advance(Duration.ofMinutes(2));
        String later = "+1415555" + numbers++;

        Run agent = call(
                "--from", later, "--keys", account("Larry Later") + ",a," + AGENT_CODE + "#," + PASSCODE + "#,1,,1,1");

        assertThat(request.exitCode()).as(request.out() + request.err()).isZero();
        assertThat(request.out())
                .contains("If you would rather not wait, press 1 to leave a callback request")
                .contains("[caller] presses x\n")
                .contains("hears: We will call you back as soon as an agent is free. Goodbye.");
        assertThat(agent.exitCode()).as(agent.out() + agent.err()).isZero();
        String out = agent.out();
        assertThat(out)
                .contains("[agent]  hears: Returning a callback to a verified caller.")
                .contains("[agent]  dials " + asking + " (caller ID " + TestServer.SUPPORT_LINE_NUMBER + ")")
                .contains("[customer] answers " + asking)
                .contains("[customer] hears: Hello, this is customer support, returning the call you asked for."
                        + " To speak to an agent now, press 1.")
                .contains("[customer] presses x\n")
                .contains("[customer] hears: Thank you. Connecting you to an agent now.")
                .contains("[agent]  is connected to " + asking)
                .contains("[agent]  dials queue 'support'")
                .contains("[agent]  is connected to the caller");
        assertThat(out.indexOf("[agent]  is connected to " + asking))
                .as("the callback before the caller who joined later")
                .isLessThan(out.indexOf("[agent]  dials queue 'support'"));
        assertThat(stateOf(asking)).isEqualTo("reached");
    }

    @Test
    void aCustomerWhoDoesNotAnswerIsNotReachedAndTheCallbackWaitsForItsNextTry() {
        String asking = "+1415555" + numbers++;
        call("--from", asking, "--keys", "*#,,1");

        Run agent = call("--line", "agent", "--keys", AGENT_CODE + "#," + PASSCODE + "#,1,n,h");

        assertThat(agent.exitCode()).as(agent.out() + agent.err()).isZero();
        assertThat(agent.out())
                .contains("[agent]  hears: Returning a callback to an unverified caller.")
                .contains("[customer] does not answer")
                .contains("[agent]  hears: The customer was not reached. The callback will be tried again later.")
                .doesNotContain("[customer] hears");
        assertThat(stateOf(asking)).isEqualTo("waiting");
    }

    private static String account(String name) {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, name, "s" + account + "@example.com", "correct horse 7");
        return account + "#," + server.generatePin(contact);
    }

    private static String stateOf(String number) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT state FROM callback_request WHERE caller = :caller ORDER BY id DESC LIMIT 1")
                        .bind("caller", number)
                        .mapTo(String.class)
                        .one());
    }

    private static Run call(String... options) {
        return OperatorCli.call(server, options);
    }
}
