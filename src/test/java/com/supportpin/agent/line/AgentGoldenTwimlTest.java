package com.supportpin.agent.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.Agents;
import com.supportpin.contact.Passwords;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.FullHashing;
import com.supportpin.support.GoldenTwiml;
import com.supportpin.support.TestServer;
import com.supportpin.voice.Prompts;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every document of the agent line against its file in twiml/ (the caller-side documents are in GoldenTwimlTest). */
class AgentGoldenTwimlTest {

    private static final String PASSCODE = "482913";
    private static final String QUEUE_SID = FakeTwilio.QUEUE_SID;

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int codes = 5100;
    private static int accounts = 7100;

    private String code;

    @BeforeEach
    void addAgentAndEmptyTheQueues() {
        code = String.valueOf(codes++);
        server.addAgent("Ann Agent", "ann" + code + "@support.example", code, "console pass " + code, PASSCODE);
        server.jdbi()
                .useHandle(handle -> handle.execute("UPDATE queue_member SET left_at = now() WHERE left_at IS NULL"));
    }

    @Test
    void signInQuestions() {
        var agent = twilio.agentCall("+14155550190");
        GoldenTwiml.check(server, "agent-welcome", agent.incoming().body());
        GoldenTwiml.check(
                server,
                "agent-code-silence",
                agent.post(AgentLinePaths.VOICE_AGENT_CODE, Map.of()).body());
        GoldenTwiml.check(server, "agent-ask-passcode", agent.code(code).body());
        GoldenTwiml.check(
                server,
                "agent-passcode-silence",
                agent.post(AgentLinePaths.VOICE_AGENT_PASSCODE, Map.of()).body());
        var noCode = twilio.agentCall("+14155550190");
        noCode.incoming();
        GoldenTwiml.check(server, "agent-ask-code", noCode.passcode(PASSCODE).body());
    }

    @Test
    void silenceEndsTheCallAfterThreeReprompts() {
        var agent = twilio.agentCall("+14155550190");
        agent.incoming();
        String last = "";
        for (int i = 0; i < 4; i++) {
            last = agent.post(AgentLinePaths.VOICE_AGENT_CODE, Map.of()).body();
        }
        GoldenTwiml.check(server, "agent-silence-goodbye", last);
    }

    @Test
    void failedSignIns() {
        var agent = twilio.agentCall("+14155550191");
        agent.incoming();
        agent.code(code);
        GoldenTwiml.check(server, "agent-failed-retry", agent.passcode("101010").body());
        agent.code(code);
        agent.passcode("101011");
        agent.code(code);
        GoldenTwiml.check(
                server, "agent-failed-goodbye", agent.passcode("101012").body());
        var second = twilio.agentCall("+14155550191");
        second.incoming();
        second.code(code);
        second.passcode("101013");
        second.code(code);
        GoldenTwiml.check(server, "agent-locked", second.passcode("101014").body());
    }

    @Test
    void aFullAgentLineHashingExecutorAsksTheAgentToTryAgainAndCountsNothing() {
        var agent = twilio.agentCall("+14155550193");
        agent.incoming();
        agent.code(code);
        try (var full = FullHashing.fill(server.app().hashing().agentLine())) {
            GoldenTwiml.check(
                    server, "agent-busy-retry", agent.passcode(PASSCODE).body());
        }
        Integer counted = server.jdbi()
                .withHandle(
                        handle -> handle.createQuery("SELECT failed_attempts FROM agent_guard WHERE agent_code = :code")
                                .bind("code", code)
                                .mapTo(Integer.class)
                                .findOne()
                                .orElse(0));
        assertThat(counted).isZero();
        agent.code(code);
        GoldenTwiml.check(
                server, "agent-signed-in-idle", agent.passcode(PASSCODE).body());
    }

    @Test
    void signedInWithNobodyWaiting() {
        var agent = twilio.agentCall("+14155550192");
        GoldenTwiml.check(
                server, "agent-signed-in-idle", agent.signIn(code, PASSCODE).body());
        GoldenTwiml.check(server, "agent-idle-again", agent.next().body());
    }

    @Test
    void signedInWithCallersWaiting() {
        var verified = placeVerifiedCaller();
        placeUnverifiedCaller();
        var agent = twilio.agentCall("+14155550193");
        GoldenTwiml.check(
                server,
                "agent-signed-in-dial-verified",
                agent.signIn(code, PASSCODE).body());
        verified.post(
                AgentLinePaths.VOICE_QUEUE_CONNECT,
                Map.of("DequeingCallSid", agent.callSid(), "QueueSid", QUEUE_SID, "QueueTime", "42"));
        GoldenTwiml.check(
                server, "agent-offer-next", agent.dialEnded("completed").body());
        server.clock().advance(Duration.ofSeconds(30));
        GoldenTwiml.check(
                server,
                "agent-dial-unverified",
                agent.post(AgentLinePaths.VOICE_AGENT_NEXT, Map.of("Digits", "1"))
                        .body());
        placeVerifiedCaller();
        server.clock().advance(Duration.ofSeconds(30));
        // The unverified caller's record was stale (no webhook since before the Dial): Twilio's queue was empty,
        // so the Dial bridged nobody. The record is closed, and after a pause the verified caller is dialled.
        GoldenTwiml.check(
                server, "agent-dial-found-nobody", agent.dialEnded("no-answer").body());
        GoldenTwiml.check(server, "agent-dial-verified", agent.next().body());
        GoldenTwiml.check(
                server,
                "agent-status",
                agent.post(AgentLinePaths.VOICE_AGENT_STATUS, Map.of("CallStatus", "completed"))
                        .body());
    }

    @Test
    void disabledAndUnavailable() {
        var agent = twilio.agentCall("+14155550194");
        agent.signIn(code, PASSCODE);
        new Agents(server.jdbi(), new Passwords(), server.clock()).disable(code);
        GoldenTwiml.check(server, "agent-disabled", agent.next().body());
        GoldenTwiml.check(
                server,
                "agent-unavailable",
                new AgentLine(new Prompts(Locale.ENGLISH), server.clock(), null)
                        .goodbye("agent.unavailable")
                        .toXml());
    }

    private FakeTwilio.Call placeVerifiedCaller() {
        return twilio.verifiedCaller(server, String.valueOf(accounts++), "+14155550301");
    }

    private FakeTwilio.Call placeUnverifiedCaller() {
        return twilio.unverifiedCaller("+14155550302");
    }
}
