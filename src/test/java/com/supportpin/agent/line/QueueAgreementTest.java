package com.supportpin.agent.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.AgentLeg;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app's queue records against Twilio's queues when they disagree: an Enqueue action or status callback
 * lost (the instance that should have had it was stopped), and the agent line must still reach the caller
 * who is really waiting, dialling at most once per bridge or pause. Two instances share one database.
 */
class QueueAgreementTest {

    private static final String PASSCODE = "482913";

    private static TestServer first;
    private static FakeTwilio viaFirst;
    private static int codes = 6600;
    private static int accounts = 9600;
    private static int numbers = 2000;
    private String code;

    @BeforeAll
    static void start() {
        first = TestServer.start();
        viaFirst = new FakeTwilio(first);
    }

    @AfterAll
    static void stop() {
        first.close();
    }

    @BeforeEach
    void addAgentAndEmptyTheQueues() {
        code = String.valueOf(codes++);
        first.addAgent("Ann Agent", "ann" + code + "@support.example", code, "console pass " + code, PASSCODE);
        first.jdbi()
                .useHandle(handle -> handle.execute(
                        "UPDATE queue_member SET left_at = now(), left_result = 'test' WHERE left_at IS NULL"));
    }

    @Test
    void aLostEnqueueActionOnAStoppedInstanceStillLetsTheNextAgentReachTheCallerReallyWaiting() {
        var second = TestServer.start(first.databaseUrl(), Map.of());
        // Twilio keeps posting to the second instance's address after it stops.
        var viaSecond =
                new FakeTwilio("http://localhost:" + second.port(), TestServer.PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
        // A verified caller, answered by the first instance, then hangs up while on hold.
        var gone = verifiedCaller(viaFirst);
        var goneOnSecond = viaSecond.existingCall(gone.callSid(), "+14155552999");
        first.clock().advance(Duration.ofMinutes(1));
        var waiting = unverifiedCaller(viaFirst);
        second.close();
        // Twilio sends the hang-up's Enqueue action and status callback to the stopped instance: both are lost.
        assertLost(() -> goneOnSecond.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "hangup")));
        assertLost(() -> goneOnSecond.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed")));
        assertThat(isWaitingByTheRecords(gone.callSid())).isTrue();
        first.clock().advance(Duration.ofMinutes(2));

        var agent = new AgentLeg(viaFirst, first.clock(), viaFirst.agentCall("+14155550190"))
                .waiting("support-unverified", waiting)
                .keys()
                .run(code, PASSCODE, 8);

        assertThat(Twiml.text(agent.documents().get(0), "Queue")).isEqualTo("support");
        assertThat(agent.connected()).containsExactly(waiting.callSid());
        agent.assertAtMostOneDialPerBridgeOrPause();
        assertThat(leftResult(gone.callSid())).isEqualTo("gone");
    }

    @Test
    void theRecordsDivergeCaseEndsAfterOneEmptyDialInsteadOfLooping() {
        // The acceptance run: the records say a verified caller waits in support; Twilio holds only an
        // unverified caller in support-unverified. Before, the line dialled the empty support queue 40 times.
        var phantom = verifiedCaller(viaFirst);
        var real = unverifiedCaller(viaFirst);
        first.clock().advance(Duration.ofMinutes(3));

        var agent = new AgentLeg(viaFirst, first.clock(), viaFirst.agentCall("+14155550191"))
                .waiting("support-unverified", real)
                .keys("1")
                .run(code, PASSCODE, 40);

        assertThat(agent.trace().stream()
                        .filter(event -> event == AgentLeg.Event.DIAL)
                        .count())
                .as("one Dial that found support empty, one that reached the caller, then nobody to dial")
                .isEqualTo(2);
        assertThat(agent.connected()).containsExactly(real.callSid());
        agent.assertAtMostOneDialPerBridgeOrPause();
        assertThat(leftResult(phantom.callSid())).isEqualTo("gone");
    }

    @Test
    void aRecordClosedOnAnEmptyDialIsReopenedByTheCallersNextHoldRequest() {
        var caller = unverifiedCaller(viaFirst);
        first.clock().advance(Duration.ofMinutes(1));
        var agent = viaFirst.agentCall("+14155550192");
        agent.signIn(code, PASSCODE);
        first.clock().advance(Duration.ofSeconds(30));
        agent.dialEnded("failed");
        assertThat(leftResult(caller.callSid())).isEqualTo("gone");

        // Twilio's own waitUrl request proves the caller still waits: the record counts again, in its place.
        caller.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "95"));

        assertThat(isWaitingByTheRecords(caller.callSid())).isTrue();
        assertThat(Twiml.text(agent.next().body(), "Queue")).isEqualTo("support-unverified");
    }

    @Test
    void noAgentLinePathDialsTwiceWithoutABridgeOrAPause() {
        // Stale records in both queues, a callback nobody answers, a callback that reaches, live callers.
        verifiedCaller(viaFirst);
        unverifiedCaller(viaFirst);
        var unanswered = callbackFrom(viaFirst);
        var answered = callbackFrom(viaFirst);
        var live = verifiedCaller(viaFirst);
        first.clock().advance(Duration.ofMinutes(2));

        var agent = new AgentLeg(viaFirst, first.clock(), viaFirst.agentCall("+14155550193"))
                .waiting("support", live)
                .phone(unanswered, AgentLeg.Phone.NO_ANSWER)
                .phone(answered, AgentLeg.Phone.PRESSES_ONE)
                .keys("1", "1", "1", "1", "1", "1", "1", "1")
                .run(code, PASSCODE, 60);

        agent.assertAtMostOneDialPerBridgeOrPause();
        assertThat(agent.connected()).contains(answered, live.callSid());
        assertThat(agent.trace()).contains(AgentLeg.Event.DIAL, AgentLeg.Event.BRIDGE, AgentLeg.Event.PAUSE);
    }

    // --- helpers ---

    private static FakeTwilio.Call verifiedCaller(FakeTwilio twilio) {
        String account = String.valueOf(accounts++);
        long contact = first.addContact(account, "Vera Verified", "v" + account + "@example.com", "correct horse 1");
        String pin = first.generatePin(contact);
        var call = twilio.call("+1415555" + numbers++);
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");
        return call;
    }

    private static FakeTwilio.Call unverifiedCaller(FakeTwilio twilio) {
        var call = twilio.call("+1415555" + numbers++);
        call.incoming();
        assertThat(Twiml.text(call.account("*").body(), "Enqueue")).isEqualTo("support-unverified");
        return call;
    }

    /** An unverified caller who waited past the offer and asked for a callback; returns their number. */
    private static String callbackFrom(FakeTwilio twilio) {
        String number = "+1415555" + numbers++;
        var call = twilio.call(number);
        call.incoming();
        call.account("*");
        call.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "400"));
        call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));
        call.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "leave", "QueueTime", "400"));
        return number;
    }

    private static void assertLost(Runnable webhook) {
        try {
            webhook.run();
            throw new AssertionError("the stopped instance answered");
        } catch (UncheckedIOException refused) {
            // Twilio does not retry an Enqueue action or a status callback: this one is gone.
        }
    }

    private static boolean isWaitingByTheRecords(String callSid) {
        return first.jdbi()
                .withHandle(
                        handle -> handle.createQuery("SELECT left_at IS NULL FROM queue_member WHERE call_sid = :sid")
                                .bind("sid", callSid)
                                .mapTo(Boolean.class)
                                .one());
    }

    private static String leftResult(String callSid) {
        return first.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT left_result FROM queue_member WHERE call_sid = :sid")
                        .bind("sid", callSid)
                        .mapTo(String.class)
                        .one());
    }
}
