package com.supportpin.agent.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent line's cap counts each attempt before its Argon2id check: 30 wrong passcodes for one agent code
 * sent at the same instant, from 30 calls, reach at most AGENT_MAX_FAILURES checks. The checks are counted
 * by the agent line's hashing executor itself (the real executor every passcode check runs on), which has
 * room for all 30 here, so none is turned away for being busy.
 */
class AgentPasscodeRaceTest {

    private static final int MAX_FAILURES = 5;
    private static final int GUESSES = 30;

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("AGENT_MAX_FAILURES", String.valueOf(MAX_FAILURES)));

    @Test
    void thirtyParallelWrongPasscodesReachAtMostTheCapOfChecks() throws Exception {
        server.addAgent("Ann Agent", "ann@support.example", "4711", "console pass 4711", "482913");
        var twilio = new FakeTwilio(server);
        var calls = new ArrayList<FakeTwilio.AgentCall>();
        for (int i = 0; i < GUESSES; i++) {
            var call = twilio.agentCall(String.format("+1415555%04d", 7000 + i));
            call.incoming();
            call.code("4711");
            calls.add(call);
        }
        var hashing = server.app().hashing().agentLine();
        long checksBefore = hashing.computed();

        var start = new CountDownLatch(1);
        ExecutorService guessers = Executors.newFixedThreadPool(GUESSES);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            var call = calls.get(i);
            String guess = String.valueOf(100_000 + i);
            answers.add(guessers.submit(() -> {
                start.await();
                // The agent line's hashing has 3 places. A guess refused as busy is not counted and the line asks
                // for the code again, so the guesser keys both again, as an attacker would.
                String answer = call.passcode(guess).body();
                for (int retry = 0; retry < 200 && answer.contains("agent line is busy"); retry++) {
                    call.code("4711");
                    answer = call.passcode(guess).body();
                }
                return answer;
            }));
        }
        start.countDown();
        var said = new ArrayList<String>();
        for (Future<String> answer : answers) {
            said.add(String.join(" ", Twiml.says(answer.get())));
        }
        guessers.shutdown();

        long checks = hashing.computed() - checksBefore;
        System.out.printf("%d parallel wrong passcodes: %d Argon2id checks (cap %d)%n", GUESSES, checks, MAX_FAILURES);
        assertThat(checks).isBetween(1L, (long) MAX_FAILURES);
        assertThat(said)
                .filteredOn(text -> text.contains("Too many failed sign-ins"))
                .hasSizeGreaterThanOrEqualTo(GUESSES - MAX_FAILURES);
        var locked = twilio.agentCall("+14155559999");
        assertThat(String.join(" ", Twiml.says(locked.signIn("4711", "482913").body())))
                .as("the code is locked, even for the right passcode")
                .contains("Too many failed sign-ins");
        assertThat(hashing.computed() - checksBefore)
                .as("a locked code costs no check")
                .isEqualTo(checks);
    }
}
