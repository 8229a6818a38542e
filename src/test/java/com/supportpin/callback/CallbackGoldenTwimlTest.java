package com.supportpin.callback;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.GoldenTwiml;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every document of a callback against its file in twiml/: the agent's offer and choices, the Dial that
 * places it, each way it ends, and the customer's leg. Callback tables restart at id 1 for each test, so
 * the attempt ids in the URLs are the same every run.
 */
class CallbackGoldenTwimlTest {

    private static final String PASSCODE = "482913";
    private static final String CUSTOMER = "+14155550777";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int codes = 7700;
    private static int accounts = 9700;

    private String code;

    @BeforeEach
    void freshCallbacksAndAnAgent() {
        code = String.valueOf(codes++);
        server.addAgent("Ann Agent", "ann" + code + "@support.example", code, "console pass " + code, PASSCODE);
        server.jdbi().useHandle(handle -> {
            handle.execute("UPDATE queue_member SET left_at = now(), left_result = 'test' WHERE left_at IS NULL");
            handle.execute("TRUNCATE callback_event, callback_attempt, callback_request RESTART IDENTITY");
        });
    }

    @Test
    void theOfferAndTheAgentsChoices() {
        var agent = idleAgent();
        callbackFromVerifiedCaller();
        GoldenTwiml.check(server, "agent-callback-offer-verified", agent.next().body());
        GoldenTwiml.check(server, "agent-callback-offered-again", choose(agent, "5"));
        GoldenTwiml.check(
                server,
                "agent-callback-withdrawn",
                agent.post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of()).body());
        agent.next();
        GoldenTwiml.check(server, "agent-callback-skipped", choose(agent, "2"));
    }

    @Test
    void anOfferAnotherAgentTookMeanwhile() {
        var slow = idleAgent();
        var quick = idleAgent();
        callbackFromUnverifiedCaller("+14155550778");
        GoldenTwiml.check(server, "agent-callback-offer-unverified", slow.next().body());
        // The offer expires unanswered and the other agent has it by the time this one presses 1.
        server.clock().advance(Duration.ofSeconds(61));
        quick.next();
        GoldenTwiml.check(server, "agent-callback-taken", choose(slow, "1"));
    }

    @Test
    void placedAndReached() {
        var agent = idleAgent();
        callbackFromVerifiedCaller();
        agent.next();
        String placing = choose(agent, "1");
        GoldenTwiml.check(server, "agent-callback-calling", placing);
        var customer = customerLeg();
        String answered = customer.post(Twiml.attribute(placing, "Number", "url"), legParams(null))
                .body();
        GoldenTwiml.check(server, "callback-answer", answered);
        GoldenTwiml.check(
                server,
                "callback-press-connect",
                customer.post(Twiml.attribute(answered, "Gather", "action"), legParams("1"))
                        .body());
        GoldenTwiml.check(server, "agent-callback-reached", dialEnded(agent, placing, customer, true));
    }

    @Test
    void notReachedThenClosed() {
        var agent = idleAgent();
        callbackFromVerifiedCaller();
        agent.next();
        String placing = choose(agent, "1");
        var customer = customerLeg();
        String answered = customer.post(Twiml.attribute(placing, "Number", "url"), legParams(null))
                .body();
        GoldenTwiml.check(
                server,
                "callback-press-declined",
                customer.post(Twiml.attribute(answered, "Gather", "action"), legParams("9"))
                        .body());
        GoldenTwiml.check(server, "agent-callback-not-reached", dialEnded(agent, placing, customer, false));

        server.clock().advance(Duration.ofMinutes(11));
        server.jdbi().useHandle(handle -> handle.execute("UPDATE callback_request SET attempts = 2"));
        agent.next();
        String last = choose(agent, "1");
        GoldenTwiml.check(
                server,
                "agent-callback-closed",
                agent.post(Twiml.attribute(last, "Dial", "action"), Map.of("DialCallStatus", "no-answer"))
                        .body());
        GoldenTwiml.check(
                server,
                "callback-answer-unknown",
                customerLeg().post(CallbackPaths.answer(99), legParams(null)).body());
    }

    /** A callback's Dial action that lost its attempt id: no callback is touched, the agent goes on to the next caller. */
    @Test
    void aDialActionWithoutItsAttempt() {
        var agent = idleAgent();
        callbackFromVerifiedCaller();
        agent.next();
        choose(agent, "1");
        GoldenTwiml.check(
                server,
                "agent-callback-dial-unknown",
                agent.post(AgentLinePaths.VOICE_AGENT_CALLBACK_DIAL_END, Map.of("DialCallStatus", "no-answer"))
                        .body());
    }

    // --- helpers ---

    private FakeTwilio.AgentCall idleAgent() {
        var agent = twilio.agentCall("+14155550190");
        agent.signIn(code, PASSCODE);
        return agent;
    }

    /** The agent's Dial action after placing a callback, as Twilio sends it when the customer's leg ends. */
    private static String dialEnded(
            FakeTwilio.AgentCall agent, String placing, FakeTwilio.Call customer, boolean bridged) {
        return agent.post(
                        Twiml.attribute(placing, "Dial", "action"),
                        Map.of(
                                "DialCallStatus",
                                "completed",
                                "DialCallSid",
                                customer.callSid(),
                                "DialBridged",
                                String.valueOf(bridged)))
                .body();
    }

    private static String choose(FakeTwilio.AgentCall agent, String key) {
        return agent.post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of("Digits", key))
                .body();
    }

    private static FakeTwilio.Call customerLeg() {
        return twilio.existingCall(FakeTwilio.newCallSid(), TestServer.SUPPORT_LINE_NUMBER);
    }

    private static Map<String, String> legParams(String digits) {
        var params = new HashMap<String, String>();
        params.put("To", CUSTOMER);
        params.put("Called", CUSTOMER);
        params.put("Direction", "outbound-dial");
        if (digits != null) {
            params.put("Digits", digits);
        }
        return params;
    }

    private static void callbackFromVerifiedCaller() {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Vera Verified", "g" + account + "@example.com", "correct horse 1");
        String pin = server.generatePin(contact);
        var call = twilio.call(CUSTOMER);
        call.incoming();
        call.account(account);
        call.pin(pin);
        server.clock().advance(Duration.ofMinutes(6));
        CallbackFlowTest.askForCallback(call, 360);
    }

    private static void callbackFromUnverifiedCaller(String number) {
        var call = twilio.call(number);
        call.incoming();
        call.account("*");
        server.clock().advance(Duration.ofMinutes(6));
        CallbackFlowTest.askForCallback(call, 360);
    }
}
