package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a waiting caller hears (the Enqueue waitUrl), the callback request, and the queue records behind it. */
class HoldExperienceTest {

    private static final String QUEUE_SID = "QU0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static final TestServer server = TestServer.perClass(
            Map.of("CALLBACK_OFFER_AFTER", "PT5M", "HOLD_MUSIC_URL", "https://cdn.example.com/hold-45s.mp3"));

    private static final Records records = new Records(server);
    private static final FakeTwilio twilio = new FakeTwilio(server);

    @Test
    void theWaitUrlTellsThePositionAndARoughWaitThenPlaysHoldMusic() {
        var caller = waitingCaller();

        var hold = hold(caller, 3, 40, 200);

        assertThat(Twiml.says(hold.body()))
                .containsExactly("You are number 3 in line.", "Callers are currently waiting about 3 minutes.");
        assertThat(Twiml.text(hold.body(), "Play")).isEqualTo("https://cdn.example.com/hold-45s.mp3");
        assertThat(hold.body()).doesNotContain("<Gather");
    }

    @Test
    void aShortAverageWaitIsSaidAsLessThanAMinuteAndNoAverageSaysNothing() {
        var caller = waitingCaller();

        var shortWait = hold(caller, 1, 10, 35);
        var noAverage = hold(caller, 1, 10, 0);

        assertThat(Twiml.says(shortWait.body())).contains("Callers are currently waiting less than a minute.");
        assertThat(Twiml.says(noAverage.body())).containsExactly("You are number 1 in line.");
    }

    @Test
    void everyWaitUrlRequestRefreshesTheRecordThatTheCallerWaits() {
        var caller = waitingCaller();
        server.clock().advance(Duration.ofSeconds(50));

        hold(caller, 2, 50, 0);

        var member = records.queueMember(caller.callSid());
        assertThat(member.get("queue")).isEqualTo("support-unverified");
        Instant lastSeen = server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT last_seen_at FROM queue_member WHERE call_sid = :sid")
                        .bind("sid", caller.callSid())
                        .mapTo(Instant.class)
                        .one());
        assertThat(lastSeen)
                .as("the refresh was recorded")
                .isEqualTo(server.clock().instant());
        assertThat(member.get("left_at")).isNull();
    }

    @Test
    void aWaitUrlRequestForACallerTheAppNeverRecordedCreatesTheRecord() {
        var caller = twilio.call("+14155550402");

        hold(caller, 1, 20, 0);

        long waiting = server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT count(*) FROM queue_member WHERE call_sid = :sid AND left_at IS NULL")
                        .bind("sid", caller.callSid())
                        .mapTo(Long.class)
                        .one());
        assertThat(waiting).isEqualTo(1);
    }

    @Test
    void pastTheWaitLimitTheCallerIsOfferedACallbackRequestInsideTheHoldTwiml() {
        var caller = waitingCaller();

        var offered = hold(caller, 4, 300, 0);

        assertThat(Twiml.attribute(offered.body(), "Gather", "action")).isEqualTo(VoicePaths.VOICE_HOLD_CALLBACK);
        assertThat(Twiml.attribute(offered.body(), "Gather", "numDigits")).isEqualTo("1");
        assertThat(Twiml.says(offered.body()))
                .anySatisfy(text -> assertThat(text).contains("press 1"));
        assertThat(offered.body().indexOf("<Gather")).isLessThan(offered.body().indexOf("<Play"));
        Twiml.strict(offered.body());
    }

    @Test
    void pressingOneRecordsACallbackRequestLeavesTheQueueAndTheCallerHearsGoodbye() {
        var caller = waitingCaller();
        hold(caller, 1, 320, 0);

        var leave = caller.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));
        var exit = caller.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "leave", "QueueTime", "330"));

        assertThat(leave.body()).contains("<Leave/>");
        assertThat(Twiml.says(exit.body()))
                .containsExactly("We will call you back as soon as an agent is free. Goodbye.");
        assertThat(exit.body()).contains("<Hangup/>");
        var request = records.callbackRequest(caller.callSid());
        assertThat(request.get("caller")).isEqualTo("+14155550401");
        assertThat(request.get("queue")).isEqualTo("support-unverified");
        assertThat(request.get("state")).isEqualTo("waiting");
        assertThat(request.get("closed_at")).as("no agent has handled it yet").isNull();
        assertThat(records.queueMember(caller.callSid()).get("left_result")).isEqualTo("leave");
    }

    @Test
    void anotherKeyAtTheCallbackOfferGoesBackToHoldMusic() {
        var caller = waitingCaller();

        var back = caller.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "5"));

        assertThat(back.body()).doesNotContain("<Leave").contains("<Play>");
        long requests = server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM callback_request WHERE call_sid = :sid")
                        .bind("sid", caller.callSid())
                        .mapTo(Long.class)
                        .one());
        assertThat(requests).isZero();
    }

    private static FakeTwilio.Call waitingCaller() {
        var caller = twilio.call("+14155550401");
        caller.incoming();
        assertThat(Twiml.text(caller.account("*").body(), "Enqueue")).isEqualTo("support-unverified");
        return caller;
    }

    private static FakeTwilio.Reply hold(FakeTwilio.Call caller, int position, int queueTime, int average) {
        var params = new HashMap<String, String>();
        params.put("QueuePosition", String.valueOf(position));
        params.put("QueueSid", QUEUE_SID);
        params.put("QueueTime", String.valueOf(queueTime));
        params.put("AvgQueueTime", String.valueOf(average));
        params.put("CurrentQueueSize", String.valueOf(position + 1));
        params.put("MaxQueueSize", "100");
        return caller.post(VoicePaths.VOICE_HOLD, params);
    }
}
