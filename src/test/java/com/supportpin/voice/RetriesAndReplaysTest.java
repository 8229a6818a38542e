package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio may deliver a webhook more than once (connection overrides, its own retries), and anyone who
 * captured a signed request may send it again. Each step is idempotent per CallSid and step, and a
 * signature is good only for the exact call, path and parameters it was made for.
 */
class RetriesAndReplaysTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Records records = new Records(server);
    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int accounts = 7100;

    private String account;
    private long alice;

    @BeforeEach
    void addAccount() {
        account = String.valueOf(accounts++);
        alice = server.addContact(account, "Alice Example", "alice" + account + "@example.com", "correct horse 1");
    }

    @Test
    void aRetriedIncomingWebhookGetsTheSameGreetingAndOpensOneCallRecord() {
        var call = twilio.call("+14155550170");
        var first = call.incoming();
        var retried = call.incoming();
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(count("SELECT count(*) FROM call WHERE call_sid = :c", call.callSid()))
                .isEqualTo(1);
    }

    @Test
    void aRetriedAccountStepIsNotCountedAsASecondAnswer() {
        var call = twilio.call("+14155550171");
        call.incoming();
        var first = call.account("12ab");
        var retried = call.account("12ab");
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(records.call(call.callSid()).get("reprompts")).isEqualTo(1);
    }

    @Test
    void retriedStatusCallbacksAndQueueActionsLeaveTheSameRecord() {
        var call = twilio.call("+14155550172");
        call.incoming();
        call.account("*");
        for (int i = 0; i < 2; i++) {
            var exit = call.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "hangup", "QueueTime", "17"));
            Twiml.strict(exit.body());
            var status = call.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed"));
            assertThat(status.status()).isEqualTo(200);
            Twiml.strict(status.body());
        }
        var row = records.call(call.callSid());
        assertThat(row.get("queue_result")).isEqualTo("hangup");
        assertThat(row.get("queue_time_s")).isEqualTo(17);
        assertThat(row.get("final_status")).isEqualTo("completed");
        assertThat(row.get("queue")).isEqualTo("support-unverified");
    }

    @Test
    void aRetriedFailureIsAuditedAndCountedOnce() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550173");
        call.incoming();
        call.account(account);
        String wrong = pin.equals("0000") ? "1111" : "0000";
        var first = call.pin(wrong);
        var retried = call.pin(wrong);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(count("SELECT count(*) FROM verification_attempt WHERE call_sid = :c", call.callSid()))
                .isEqualTo(1);
        assertThat(records.call(call.callSid()).get("pin_failures")).isEqualTo(1);
        // The same wrong PIN keyed again after re-entering the account is a new attempt, and counts.
        call.account(account);
        call.pin(wrong);
        assertThat(records.call(call.callSid()).get("pin_failures")).isEqualTo(2);
    }

    @Test
    void aPinWebhookDeliveredTwiceAtOnceVerifiesOnceAndBothDeliveriesGetTheSameAnswer() throws Exception {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550174");
        call.incoming();
        call.account(account);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<FakeTwilio.Reply>> replies = List.of(
                    pool.submit(() -> {
                        start.await();
                        return call.pin(pin);
                    }),
                    pool.submit(() -> {
                        start.await();
                        return call.pin(pin);
                    }));
            start.countDown();
            String one = replies.get(0).get().body();
            String other = replies.get(1).get().body();
            assertThat(one).isEqualTo(other);
            assertThat(Twiml.text(one, "Enqueue")).isEqualTo("support");
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM verification_attempt WHERE call_sid = :c", call.callSid()))
                .isEqualTo(1);
    }

    @Test
    void aSignedPinRequestReplayedForAnotherCallIsRefusedAndLeavesThatCallUnverified() {
        String pin = server.generatePin(alice);
        var victim = twilio.call("+14155550175");
        victim.incoming();
        victim.account(account);
        var attacker = twilio.call("+14155550176");
        attacker.incoming();
        attacker.account(account);

        // The attacker's own signed request, with the victim's CallSid swapped in.
        Map<String, String> signed = attacker.params(Map.of("Digits", pin));
        String signature = twilio.sign(VoicePaths.VOICE_PIN, signed);
        var forged = new HashMap<>(signed);
        forged.put("CallSid", victim.callSid());
        var reply = twilio.postWithSignature(VoicePaths.VOICE_PIN, forged, signature);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).doesNotContain("<Enqueue");

        // Nor does the signature carry over to another step's URL.
        assertThat(twilio.postWithSignature(VoicePaths.VOICE_ACCOUNT, signed, signature)
                        .status())
                .isEqualTo(403);

        var victimRow = records.call(victim.callSid());
        assertThat(victimRow.get("verified_at")).isNull();
        assertThat(victimRow.get("queue")).isNull();
        assertThat(count("SELECT count(*) FROM verification_attempt WHERE call_sid = :c", victim.callSid()))
                .isZero();
        // The PIN is still unused: the victim's own entry verifies.
        assertThat(Twiml.text(victim.pin(pin).body(), "Enqueue")).isEqualTo("support");
    }

    @Test
    void aSuccessfulPinRequestReplayedLaterVerifiesNothingNew() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550177");
        call.incoming();
        call.account(account);
        Map<String, String> signed = call.params(Map.of("Digits", pin));
        String signature = twilio.sign(VoicePaths.VOICE_PIN, signed);
        var first = twilio.postWithSignature(VoicePaths.VOICE_PIN, signed, signature);
        assertThat(Twiml.text(first.body(), "Enqueue")).isEqualTo("support");
        call.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "5"));

        var replayed = twilio.postWithSignature(VoicePaths.VOICE_PIN, signed, signature);
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(count("SELECT count(*) FROM verification_attempt WHERE call_sid = :c", call.callSid()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM support_pin WHERE used_by_call_sid = :c", call.callSid()))
                .isEqualTo(1);
    }

    private static long count(String sql, String callSid) {
        return server.jdbi()
                .withHandle(h ->
                        h.createQuery(sql).bind("c", callSid).mapTo(Long.class).one());
    }
}
