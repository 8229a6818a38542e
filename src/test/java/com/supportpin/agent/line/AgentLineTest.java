package com.supportpin.agent.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.Agents;
import com.supportpin.contact.Passwords;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent line and the queue records behind it, driven by signed webhooks against the real server. */
class AgentLineTest {

    private static final String PASSCODE = "482913";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Records records = new Records(server);
    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int codes = 4100;
    private static int accounts = 6100;

    private String code;
    private long agentId;

    @BeforeEach
    void addAgentAndEmptyTheQueues() {
        code = String.valueOf(codes++);
        agentId =
                server.addAgent("Ann Agent", "ann" + code + "@support.example", code, "console pass " + code, PASSCODE);
        server.jdbi()
                .useHandle(handle -> handle.execute("UPDATE queue_member SET left_at = now() WHERE left_at IS NULL"));
    }

    @Test
    void theAgentLineAsksForTheAgentCodeThenThePasscode() {
        var agent = twilio.agentCall("+14155550190");

        var welcome = agent.incoming();
        assertThat(welcome.contentType()).startsWith("text/xml");
        assertThat(Twiml.attribute(welcome.body(), "Gather", "action")).isEqualTo(AgentLinePaths.VOICE_AGENT_CODE);
        assertThat(Twiml.attribute(welcome.body(), "Gather", "finishOnKey")).isEqualTo("#");
        assertThat(Twiml.says(welcome.body()))
                .anySatisfy(text -> assertThat(text).contains("agent code"));

        var askPasscode = agent.code(code);
        assertThat(Twiml.attribute(askPasscode.body(), "Gather", "action"))
                .isEqualTo(AgentLinePaths.VOICE_AGENT_PASSCODE);
        assertThat(Twiml.says(askPasscode.body()))
                .anySatisfy(text -> assertThat(text).contains("passcode"));
    }

    @Test
    void aSignedInAgentWithNobodyWaitingHearsSoAndIsCheckedAgainWithoutTheCallEnding() {
        var agent = twilio.agentCall("+14155550191");

        var signedIn = agent.signIn(code, PASSCODE);

        assertThat(Twiml.says(signedIn.body()))
                .containsExactly(
                        "Welcome, Ann Agent.",
                        "No callers are waiting. Stay on the line and the next caller will be connected.");
        assertThat(Twiml.text(signedIn.body(), "Redirect")).isEqualTo(AgentLinePaths.VOICE_AGENT_NEXT);
        assertThat(signedIn.body()).contains("<Pause").doesNotContain("<Hangup").doesNotContain(PASSCODE);
        var again = agent.next();
        assertThat(Twiml.says(again.body())).isEmpty();
        assertThat(Twiml.text(again.body(), "Redirect")).isEqualTo(AgentLinePaths.VOICE_AGENT_NEXT);
        assertThat(again.body()).doesNotContain("<Hangup").doesNotContain("<Dial");
        assertThat(records.agentCall(agent.callSid()).get("agent_id")).isEqualTo(agentId);
    }

    @Test
    void aWrongPasscodeAsksAgainAndThreeWrongTriesEndTheCall() {
        var agent = twilio.agentCall("+14155550192");
        agent.incoming();
        for (int attempt = 1; attempt <= 2; attempt++) {
            agent.code(code);
            var retry = agent.passcode("111" + attempt + "11");
            assertThat(Twiml.says(retry.body()))
                    .anySatisfy(text -> assertThat(text).contains("Sign-in failed"));
            assertThat(Twiml.attribute(retry.body(), "Gather", "action")).isEqualTo(AgentLinePaths.VOICE_AGENT_CODE);
        }
        agent.code(code);
        var last = agent.passcode("999999");

        assertThat(last.body()).contains("<Hangup");
        assertThat(Twiml.says(last.body())).contains("Sign-in failed.", "Goodbye.");
        assertThat(records.agentCall(agent.callSid()).get("signed_in_at")).isNull();
    }

    @Test
    void aPasscodeWebhookTwilioRetriesIsAnsweredAgainNotCountedTwice() {
        var agent = twilio.agentCall("+14155550189");
        agent.incoming();
        agent.code(code);

        var first = agent.passcode("121212");
        var retried = agent.passcode("121212");

        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(records.agentCall(agent.callSid()).get("failures")).isEqualTo(1);
    }

    @Test
    void aWrongCodeIsAskedForAPasscodeLikeARealOneAndFailsTheSameWay() {
        var agent = twilio.agentCall("+14155550193");
        agent.incoming();

        var askPasscode = agent.code("9999999");
        var failed = agent.passcode(PASSCODE);

        assertThat(Twiml.attribute(askPasscode.body(), "Gather", "action"))
                .isEqualTo(AgentLinePaths.VOICE_AGENT_PASSCODE);
        var real = twilio.agentCall("+14155550193");
        real.incoming();
        real.code(code);
        var realFailed = real.passcode("000111");
        assertThat(Twiml.sameDocument(realFailed.body(), failed.body())).isTrue();
    }

    @Test
    void repeatedFailuresLockTheAgentCodeAcrossCallsUntilTheLockoutEnds() {
        var first = twilio.agentCall("+14155550194");
        first.incoming();
        for (int attempt = 0; attempt < 3; attempt++) {
            first.code(code);
            first.passcode("10101" + attempt);
        }
        var second = twilio.agentCall("+14155550195");
        second.incoming();
        second.code(code);
        second.passcode("202020");
        second.code(code);
        var locking = second.passcode("202021");
        assertThat(Twiml.says(locking.body()))
                .anySatisfy(text -> assertThat(text).contains("Too many failed sign-ins"));

        var rightPasscodeWhileLocked = twilio.agentCall("+14155550196");
        var refused = rightPasscodeWhileLocked.signIn(code, PASSCODE);
        assertThat(refused.body()).contains("<Hangup").doesNotContain("<Dial").doesNotContain("Welcome");
        assertThat(records.agentCall(rightPasscodeWhileLocked.callSid()).get("signed_in_at"))
                .isNull();

        server.clock().advance(Duration.ofMinutes(16));
        var later = twilio.agentCall("+14155550196");
        assertThat(Twiml.says(later.signIn(code, PASSCODE).body())).contains("Welcome, Ann Agent.");
    }

    @Test
    void unknownCodesAreCountedAndLockedLikeKnownOnes() {
        String unknown = "88" + code;
        for (int call = 0; call < 2; call++) {
            var agent = twilio.agentCall("+14155550197");
            agent.incoming();
            for (int attempt = 0; attempt < 3 && call * 3 + attempt < 5; attempt++) {
                agent.code(unknown);
                agent.passcode("30303" + attempt);
            }
        }
        var guard = server.jdbi()
                .withHandle(
                        handle -> handle.createQuery("SELECT locked_until FROM agent_guard WHERE agent_code = :code")
                                .bind("code", unknown)
                                .mapTo(Instant.class)
                                .one());
        assertThat(guard).isAfter(server.clock().instant());
    }

    @Test
    void attemptsAQuietDayOldAreForgottenSoFourAndFourDoNotLock() {
        String unknown = "77" + code;
        failTwiceOnEachOfTwoCalls(unknown);
        server.clock().advance(Duration.ofHours(24).plusMinutes(1));

        failTwiceOnEachOfTwoCalls(unknown);

        var guard = server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT failed_attempts, locked_until FROM agent_guard WHERE agent_code = :code")
                        .bind("code", unknown)
                        .mapToMap()
                        .one());
        assertThat(guard.get("failed_attempts"))
                .as("counted afresh after the quiet day")
                .isEqualTo(4);
        assertThat(guard.get("locked_until")).isNull();
    }

    private static void failTwiceOnEachOfTwoCalls(String agentCode) {
        for (int call = 0; call < 2; call++) {
            var agent = twilio.agentCall("+14155550197");
            agent.incoming();
            for (int attempt = 0; attempt < 2; attempt++) {
                agent.code(agentCode);
                agent.passcode("40404" + attempt);
            }
        }
    }

    @Test
    void theCallerNumberNeverSignsInAnAgentAndSkippingSignInGivesNoCaller() {
        placeVerifiedCaller();
        var agent = twilio.agentCall("+14155550198");
        agent.signIn(code, PASSCODE);
        var sameNumber = twilio.agentCall("+14155550198");

        var skipped = sameNumber.next();
        var dialEnd = sameNumber.dialEnded("completed");

        assertThat(skipped.body()).doesNotContain("<Dial");
        assertThat(Twiml.attribute(skipped.body(), "Gather", "action")).isEqualTo(AgentLinePaths.VOICE_AGENT_CODE);
        assertThat(dialEnd.body()).doesNotContain("<Dial");
    }

    @Test
    void aSignedInAgentGetsAVerifiedCallerBeforeAnUnverifiedOneWhoWaitedLonger() {
        var unverified = placeUnverifiedCaller();
        server.clock().advance(Duration.ofMinutes(2));
        var verified = placeVerifiedCaller();
        var agent = twilio.agentCall("+14155550199");

        var first = agent.signIn(code, PASSCODE);

        assertThat(Twiml.text(first.body(), "Queue")).isEqualTo("support");
        assertThat(Twiml.attribute(first.body(), "Queue", "url")).isEqualTo(AgentLinePaths.VOICE_QUEUE_CONNECT);
        assertThat(Twiml.attribute(first.body(), "Dial", "action")).isEqualTo(AgentLinePaths.VOICE_AGENT_DIAL_END);
        assertThat(Twiml.says(first.body())).contains("Connecting you to the next verified caller.");

        connect(verified, agent);
        var afterCall = agent.dialEnded("completed");
        assertThat(Twiml.attribute(afterCall.body(), "Gather", "action")).isEqualTo(AgentLinePaths.VOICE_AGENT_NEXT);
        assertThat(Twiml.says(afterCall.body()))
                .anySatisfy(text -> assertThat(text).contains("Press 1 for the next caller"));

        var second = agent.post(AgentLinePaths.VOICE_AGENT_NEXT, Map.of("Digits", "1"));
        assertThat(Twiml.text(second.body(), "Queue")).isEqualTo("support-unverified");
        assertThat(Twiml.says(second.body()))
                .anySatisfy(text -> assertThat(text).contains("not verified"));
        // The one left waiting is the unverified caller, who waited longer: that Dial takes them next.
        assertThat(records.queueMember(unverified.callSid()))
                .containsEntry("queue", "support-unverified")
                .containsEntry("left_at", null);
        assertThat(records.queueMember(verified.callSid()).get("left_at")).isNotNull();
    }

    @Test
    void theQueueUrlOnTheCallersLegRecordsWhichAgentGotTheCaller() {
        var caller = placeVerifiedCaller();
        var agent = twilio.agentCall("+14155550200");
        agent.signIn(code, PASSCODE);

        var connecting = connect(caller, agent);

        assertThat(Twiml.says(connecting.body()))
                .containsExactly("Thank you for waiting. You are now being connected to an agent.");
        var bridge = records.bridge(caller.callSid());
        assertThat(bridge.get("agent_call_sid")).isEqualTo(agent.callSid());
        assertThat(bridge.get("agent_id")).isEqualTo(agentId);
        assertThat(bridge.get("ended_at")).isNull();
        assertThat(records.queueMember(caller.callSid()).get("left_result")).isEqualTo("bridged");
        // Nobody else waits: the caller who was just connected no longer counts.
        assertThat(agent.next().body()).doesNotContain("<Dial");

        agent.dialEnded("completed");
        assertThat(records.bridge(caller.callSid()).get("ended_at")).isNotNull();
    }

    @Test
    void aQueueUrlFromACallThatNeverSignedInRecordsNoAgent() {
        var caller = placeVerifiedCaller();
        var stranger = twilio.agentCall("+14155550201");

        var connecting = connect(caller, stranger);

        assertThat(Twiml.says(connecting.body())).hasSize(1);
        Map<String, Object> bridge = records.bridge(caller.callSid());
        assertThat(bridge.get("agent_id")).isNull();
    }

    @Test
    void callersWhoHungUpOrLeftNoLongerCountAsWaiting() {
        var hungUp = placeVerifiedCaller();
        hungUp.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "hangup", "QueueTime", "40"));
        var ended = placeVerifiedCaller();
        ended.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed"));
        var agent = twilio.agentCall("+14155550202");

        assertThat(agent.signIn(code, PASSCODE).body()).doesNotContain("<Dial");
        assertThat(records.queueMember(hungUp.callSid()).get("left_result")).isEqualTo("hangup");
        assertThat(records.queueMember(ended.callSid()).get("left_result")).isEqualTo("hangup");
    }

    @Test
    void aDisabledAgentCannotSignInAndIsStoppedOnTheNextCheck() {
        var agent = twilio.agentCall("+14155550203");
        agent.signIn(code, PASSCODE);

        new Agents(server.jdbi(), new Passwords(), server.clock()).disable(code);

        assertThat(agent.next().body()).contains("<Hangup").contains("no longer active");
        var again = twilio.agentCall("+14155550203");
        assertThat(again.signIn(code, PASSCODE).body()).contains("Sign-in failed");
    }

    @Test
    void theAgentLinesStatusCallbackEndsTheAgentCall() {
        var agent = twilio.agentCall("+14155550204");
        agent.signIn(code, PASSCODE);

        var reply = agent.post(AgentLinePaths.VOICE_AGENT_STATUS, Map.of("CallStatus", "completed"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(records.agentCall(agent.callSid()).get("ended_at")).isNotNull();
    }

    @Test
    void everyAgentLineRouteRejectsAnUnsignedRequest() {
        for (String path : new String[] {
            AgentLinePaths.VOICE_AGENT,
            AgentLinePaths.VOICE_AGENT_CODE,
            AgentLinePaths.VOICE_AGENT_PASSCODE,
            AgentLinePaths.VOICE_AGENT_NEXT,
            AgentLinePaths.VOICE_AGENT_DIAL_END,
            AgentLinePaths.VOICE_AGENT_STATUS,
            AgentLinePaths.VOICE_QUEUE_CONNECT,
            VoicePaths.VOICE_HOLD_CALLBACK
        }) {
            var reply =
                    twilio.postWithSignature(path, Map.of("CallSid", FakeTwilio.newCallSid(), "Digits", code), null);
            assertThat(reply.status()).as(path).isEqualTo(403);
        }
    }

    // --- helpers ---

    private FakeTwilio.Call placeVerifiedCaller() {
        return twilio.verifiedCaller(server, String.valueOf(accounts++), "+14155550301");
    }

    private FakeTwilio.Call placeUnverifiedCaller() {
        return twilio.unverifiedCaller("+14155550302");
    }

    private static FakeTwilio.Reply connect(FakeTwilio.Call caller, FakeTwilio.AgentCall agent) {
        return caller.dequeuedBy(agent, 30);
    }
}
