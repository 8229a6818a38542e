package com.supportpin.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.agent.console.ConsolePaths;
import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.AgentLeg;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Callbacks end to end, with signed webhooks against the real server and PostgreSQL: a caller on hold
 * asks for one, an agent is offered it in the caller's place in line, calls from the agent line, and the
 * customer presses 1 to be connected; or is not reached, and it is tried again, then closed.
 */
class CallbackFlowTest {

    private static final String PASSCODE = "482913";
    private static final ObjectMapper json = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int codes = 5400;
    private static int accounts = 8400;
    private static int numbers = 1000;

    private String code;
    private long agentId;

    /** A caller placed through the IVR, and the number they call from. */
    record Caller(FakeTwilio.Call call, String number, String account) {}

    @BeforeEach
    void addAgentAndEmptyTheQueues() {
        code = String.valueOf(codes++);
        agentId =
                server.addAgent("Ann Agent", "ann" + code + "@support.example", code, "console pass " + code, PASSCODE);
        server.jdbi().useHandle(handle -> {
            handle.execute("UPDATE queue_member SET left_at = now(), left_result = 'test' WHERE left_at IS NULL");
            handle.execute("UPDATE callback_request SET state = 'cancelled', closed_at = now(),"
                    + " claimed_by_call_sid = NULL, claim_expires_at = NULL WHERE closed_at IS NULL");
        });
    }

    @Test
    void aVerifiedCallerWhoAskedForACallbackIsCalledBackAndBridgedAheadOfAnyoneWhoJoinedLater() {
        double requestedBefore = metric("ivr_callbacks_requested_total{kind=\"new\"}");
        double placedBefore = metric("ivr_callbacks_placed_total");
        double reachedBefore = metric("ivr_callbacks_reached_total");
        double reachTimeBefore = metric("ivr_callback_reach_seconds_sum");
        Caller early = verifiedCaller("Vera Verified");
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(early.call(), 360);
        server.clock().advance(Duration.ofMinutes(1));
        Caller later = verifiedCaller("Larry Later");
        server.clock().advance(Duration.ofSeconds(30));

        var agent = twilio.agentCall("+14155550190");
        var leg = new AgentLeg(twilio, server.clock(), agent)
                .waiting("support", later.call())
                .phone(early.number(), AgentLeg.Phone.PRESSES_ONE)
                .keys("1", "1", "1")
                .run(code, PASSCODE, 12);

        assertThat(Twiml.says(leg.documents().get(0)))
                .contains(
                        "Welcome, Ann Agent.",
                        "Returning a callback to a verified caller.",
                        "Press 1 to call now, or 2 to skip.");
        String placing = leg.documents().get(1);
        assertThat(Twiml.attribute(placing, "Dial", "callerId")).isEqualTo(TestServer.SUPPORT_LINE_NUMBER);
        assertThat(Twiml.text(placing, "Number")).isEqualTo(early.number());
        assertThat(leg.connected()).containsExactly(early.number(), later.call().callSid());
        leg.assertAtMostOneDialPerBridgeOrPause();
        Map<String, Object> callback = callbackOf(early.number());
        assertThat(callback)
                .containsEntry("state", "reached")
                .containsEntry("attempts", 1)
                .containsEntry("last_result", "reached");
        assertThat(events((Long) callback.get("id")))
                .containsExactly(
                        "requested by nobody",
                        "offered by " + agentId,
                        "placed by " + agentId,
                        "reached by " + agentId);
        assertThat(metric("ivr_callbacks_requested_total{kind=\"new\"}")).isEqualTo(requestedBefore + 1);
        assertThat(metric("ivr_callbacks_placed_total")).isEqualTo(placedBefore + 1);
        assertThat(metric("ivr_callbacks_reached_total")).isEqualTo(reachedBefore + 1);
        // Requested, then 1.5 minutes in line and the sign-in before the customer pressed 1.
        assertThat(metric("ivr_callback_reach_seconds_sum") - reachTimeBefore).isBetween(90.0, 120.0);
    }

    @Test
    void theConsoleShowsTheOriginalIdentityAndThatTheCallbackWasNotReverifiedUntilTheAgentVerifiesAPin()
            throws Exception {
        Caller caller = verifiedCaller("Vera Verified");
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(caller.call(), 360);
        var agent = twilio.agentCall("+14155550191");
        agent.signIn(code, PASSCODE);
        String placing = agent.post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of("Digits", "1"))
                .body();
        var customer = twilio.existingCall(FakeTwilio.newCallSid(), TestServer.SUPPORT_LINE_NUMBER);
        Map<String, String> leg = Map.of("To", caller.number(), "Direction", "outbound-dial");
        String answered =
                customer.post(Twiml.attribute(placing, "Number", "url"), leg).body();
        var pressed = new HashMap<>(leg);
        pressed.put("Digits", "1");
        String connecting = customer.post(Twiml.attribute(answered, "Gather", "action"), pressed)
                .body();
        var web = consoleFor("ann" + code + "@support.example", "console pass " + code);

        JsonNode current =
                json.readTree(web.get(ConsolePaths.API_AGENT_CURRENT_CALL).body());

        assertThat(Twiml.says(connecting)).containsExactly("Thank you. Connecting you to an agent now.");
        assertThat(current.get("connected").asBoolean()).isTrue();
        assertThat(current.get("callback").asBoolean()).isTrue();
        assertThat(current.get("verified").asBoolean()).isFalse();
        assertThat(current.get("caller").asText()).isEqualTo(caller.number());
        assertThat(current.get("callbackText").asText())
                .isEqualTo("Callback. Verified on the original call at "
                        + clockTimeOf(caller) + " UTC: Vera Verified, account " + caller.account()
                        + ". The callback itself was not re-verified.");

        String pin = server.generatePin(contactOf(caller.account()));
        var verify = web.postJson(
                ConsolePaths.API_AGENT_VERIFY,
                "{\"accountNumber\":\"" + caller.account() + "\",\"pin\":\"" + pin + "\"}",
                Map.of("X-CSRF-Token", csrf));
        JsonNode after = json.readTree(verify.body());
        assertThat(verify.status()).isEqualTo(200);
        assertThat(after.get("verified").asBoolean()).isTrue();
        assertThat(after.get("verificationText").asText()).startsWith("Verified by agent Ann Agent at ");
        assertThat(after.get("callbackText").asText()).doesNotContain("not re-verified");
    }

    @Test
    void aCallbackNotReachedIsTriedAgainAfterTheRetryWaitThenClosedUnreachedAfterTheLastAttempt() {
        Caller caller = unverifiedCaller();
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(caller.call(), 360);
        double closedBefore = metric("ivr_callbacks_unreached_total{final=\"true\",result=\"busy\"}");

        var first = new AgentLeg(twilio, server.clock(), twilio.agentCall("+14155550192"))
                .phone(caller.number(), AgentLeg.Phone.NO_ANSWER)
                .keys("1")
                .run(code, PASSCODE, 4);
        assertThat(Twiml.says(first.documents().get(0))).contains("Returning a callback to an unverified caller.");
        assertThat(Twiml.says(first.documents().get(2)))
                .startsWith("The customer was not reached. The callback will be tried again later.");
        assertThat(first.documents().get(2)).doesNotContain("<Dial").doesNotContain("<Gather");
        assertThat(callbackOf(caller.number()))
                .containsEntry("state", "waiting")
                .containsEntry("attempts", 1)
                .containsEntry("last_result", "no-answer");

        server.clock().advance(Duration.ofMinutes(5));
        var tooSoon = twilio.agentCall("+14155550193");
        assertThat(tooSoon.signIn(code, PASSCODE).body()).doesNotContain("callback");

        server.clock().advance(Duration.ofMinutes(10));
        new AgentLeg(twilio, server.clock(), twilio.agentCall("+14155550194"))
                .phone(caller.number(), AgentLeg.Phone.VOICEMAIL)
                .keys("1")
                .run(code, PASSCODE, 3);
        assertThat(callbackOf(caller.number()))
                .containsEntry("state", "waiting")
                .containsEntry("attempts", 2)
                .containsEntry("last_result", "declined");

        server.clock().advance(Duration.ofMinutes(11));
        var last = new AgentLeg(twilio, server.clock(), twilio.agentCall("+14155550195"))
                .phone(caller.number(), AgentLeg.Phone.BUSY)
                .keys("1")
                .run(code, PASSCODE, 3);
        assertThat(Twiml.says(last.documents().get(2)))
                .startsWith("The customer was not reached. This callback is now closed.");
        assertThat(callbackOf(caller.number()))
                .containsEntry("state", "unreached")
                .containsEntry("attempts", 3)
                .containsEntry("last_result", "busy");
        assertThat(metric("ivr_callbacks_unreached_total{final=\"true\",result=\"busy\"}"))
                .isEqualTo(closedBefore + 1);
        server.clock().advance(Duration.ofHours(1));
        assertThat(twilio.agentCall("+14155550196").signIn(code, PASSCODE).body())
                .doesNotContain("callback");
    }

    @Test
    void aCustomerWhoPressesAnotherKeyIsNotReachedAndHearsGoodbye() {
        Caller caller = unverifiedCaller();
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(caller.call(), 360);

        var leg = new AgentLeg(twilio, server.clock(), twilio.agentCall("+14155550197"))
                .phone(caller.number(), AgentLeg.Phone.PRESSES_ANOTHER_KEY)
                .keys("1")
                .run(code, PASSCODE, 3);

        assertThat(leg.connected()).isEmpty();
        assertThat(callbackOf(caller.number()))
                .containsEntry("state", "waiting")
                .containsEntry("last_result", "declined");
    }

    @Test
    void aSecondRequestFromTheSameNumberUpdatesTheOpenCallbackAndKeepsTheEarlierPlaceInLine() {
        Caller first = unverifiedCaller();
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(first.call(), 360);
        server.clock().advance(Duration.ofMinutes(20));
        var again = twilio.call(first.number());
        again.incoming();
        again.account("*");
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(again, 360);
        // The same webhook again (Twilio retrying) changes nothing.
        again.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));

        List<Map<String, Object>> rows = server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT * FROM callback_request WHERE caller = :caller AND closed_at IS NULL")
                        .bind("caller", first.number())
                        .mapToMap()
                        .list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("requests", 2).containsEntry("call_sid", again.callSid());
        Object firstJoined = server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT entered_at FROM queue_member WHERE call_sid = :sid")
                        .bind("sid", first.call().callSid())
                        .mapToMap()
                        .one()
                        .get("entered_at"));
        assertThat(rows.get(0).get("queued_since"))
                .as("the first call's place in line")
                .isEqualTo(firstJoined);
        assertThat(events((Long) rows.get(0).get("id"))).containsExactly("requested by nobody", "updated by nobody");
    }

    @Test
    void skippingLeavesTheCallbackForTheNextAgentAndThisAgentIsNotOfferedItAgainAtOnce() {
        Caller caller = unverifiedCaller();
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(caller.call(), 360);
        var skipping = twilio.agentCall("+14155550198");
        skipping.signIn(code, PASSCODE);

        String afterSkip = skipping.post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of("Digits", "2"))
                .body();
        String other = twilio.agentCall("+14155550199").signIn(code, PASSCODE).body();

        assertThat(Twiml.says(afterSkip))
                .contains("No callers are waiting. Stay on the line and the next caller will be connected.");
        assertThat(Twiml.says(skipping.next().body())).doesNotContain("Returning a callback to an unverified caller.");
        assertThat(Twiml.says(other)).contains("Returning a callback to an unverified caller.");
        assertThat(events((Long) callbackOf(caller.number()).get("id"))).contains("skipped by " + agentId);
    }

    @Test
    void lostWebhooksNeverLeaveACallbackOfferedOrBeingCalledForEver() {
        Caller caller = unverifiedCaller();
        server.clock().advance(Duration.ofMinutes(6));
        askForCallback(caller.call(), 360);
        var vanished = twilio.agentCall("+14155550200");
        vanished.signIn(code, PASSCODE);
        // The offer's answer never arrives: after a minute another agent may have it.
        server.clock().advance(Duration.ofSeconds(61));
        var second = twilio.agentCall("+14155550201");
        assertThat(Twiml.says(second.signIn(code, PASSCODE).body()))
                .contains("Returning a callback to an unverified caller.");
        second.post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of("Digits", "1"));
        assertThat(callbackOf(caller.number())).containsEntry("state", "calling");

        // The Dial action never arrives: after three minutes the attempt counts as not reached.
        server.clock().advance(Duration.ofMinutes(4));
        twilio.agentCall("+14155550202").signIn(code, PASSCODE);

        assertThat(callbackOf(caller.number()))
                .containsEntry("state", "waiting")
                .containsEntry("attempts", 1)
                .containsEntry("last_result", "no-result");
        String attempt = server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT result FROM callback_attempt WHERE callback_id = :id")
                        .bind("id", callbackOf(caller.number()).get("id"))
                        .mapTo(String.class)
                        .one());
        assertThat(attempt).isEqualTo("no-result");
    }

    @Test
    void aWithheldNumberIsNeverOfferedACallback() {
        var withheld = twilio.call("anonymous");
        withheld.incoming();
        withheld.account("*");

        var hold = withheld.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "900"));
        var pressed = withheld.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));

        assertThat(hold.body()).doesNotContain("<Gather");
        assertThat(Twiml.says(pressed.body()))
                .containsExactly("Sorry, we cannot call back a withheld number. Please keep holding.");
        assertThat(pressed.body()).doesNotContain("<Leave");
    }

    // --- helpers ---

    private Caller verifiedCaller(String name) {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, name, "c" + account + "@example.com", "correct horse 1");
        String pin = server.generatePin(contact);
        String number = "+1415555" + numbers++;
        var call = twilio.call(number);
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");
        return new Caller(call, number, account);
    }

    private Caller unverifiedCaller() {
        String number = "+1415555" + numbers++;
        var call = twilio.call(number);
        call.incoming();
        assertThat(Twiml.text(call.account("*").body(), "Enqueue")).isEqualTo("support-unverified");
        return new Caller(call, number, null);
    }

    /** On hold past the offer, presses 1, and leaves the queue as Twilio reports it. */
    static void askForCallback(FakeTwilio.Call call, int queueTime) {
        String hold = call.post(
                        VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", String.valueOf(queueTime)))
                .body();
        assertThat(Twiml.attribute(hold, "Gather", "action")).isEqualTo(VoicePaths.VOICE_HOLD_CALLBACK);
        assertThat(call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"))
                        .body())
                .contains("<Leave/>");
        String goodbye = call.post(
                        VoicePaths.VOICE_QUEUE_EXIT,
                        Map.of("QueueResult", "leave", "QueueTime", String.valueOf(queueTime)))
                .body();
        assertThat(Twiml.says(goodbye)).containsExactly("We will call you back as soon as an agent is free. Goodbye.");
    }

    private static Map<String, Object> callbackOf(String number) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT * FROM callback_request WHERE caller = :caller ORDER BY id DESC LIMIT 1")
                        .bind("caller", number)
                        .mapToMap()
                        .one());
    }

    private static List<String> events(long callbackId) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("""
                SELECT event || ' by ' || COALESCE(CAST(agent_id AS text), 'nobody') FROM callback_event
                 WHERE callback_id = :id ORDER BY id""")
                        .bind("id", callbackId)
                        .mapTo(String.class)
                        .list());
    }

    private static long contactOf(String account) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT c.id FROM contact c JOIN account a ON a.id = c.account_id WHERE a.account_number = :account")
                        .bind("account", account)
                        .mapTo(Long.class)
                        .one());
    }

    private static String clockTimeOf(Caller caller) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT to_char(verified_at AT TIME ZONE 'UTC', 'HH24:MI') FROM call WHERE call_sid = :sid")
                        .bind("sid", caller.call().callSid())
                        .mapTo(String.class)
                        .one());
    }

    private String csrf;

    private WebClient consoleFor(String email, String password) throws Exception {
        var web = new WebClient(server);
        var signIn = web.postJson(
                ConsolePaths.API_AGENT_SESSION, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        csrf = json.readTree(signIn.body()).get("csrfToken").asText();
        return web;
    }

    private static double metric(String series) {
        return server.app()
                .metrics()
                .scrape()
                .lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }
}
