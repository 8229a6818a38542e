package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import com.supportpin.web.WebPaths;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances behind one load balancer share one database and one public URL. Nothing about a call,
 * a session or a lockout lives in either process, so any request may land on either.
 */
class TwoInstancesTest {

    private static TestServer first;
    private static TestServer second;
    private static FakeTwilio viaFirst;
    private static FakeTwilio viaSecond;

    @BeforeAll
    static void startTwoInstances() {
        first = TestServer.start();
        second = TestServer.start(first.databaseUrl(), Map.of());
        // Both sign for the shared public URL, as Twilio would behind the load balancer.
        viaFirst = new FakeTwilio(first);
        viaSecond = new FakeTwilio(second);
    }

    @AfterAll
    static void stopBoth() {
        second.close();
        first.close();
    }

    @Test
    void aCallWhoseWebhooksAlternateBetweenInstancesIsVerifiedAndQueuedExactlyOnce() {
        long alice = first.addContact("8101", "Alice Example", "alice8101@example.com", "correct horse 1");
        String pin = second.generatePin(alice);
        var onFirst = viaFirst.call("+14155550180");
        var onSecond = viaSecond.existingCall(onFirst.callSid(), "+14155550180");

        onFirst.incoming();
        onSecond.account("8101");
        var verified = onFirst.pin(pin);
        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");
        // Twilio's retry of the same step lands on the other instance: same answer, nothing counted again.
        var retried = onSecond.pin(pin);
        assertThat(retried.body()).isEqualTo(verified.body());
        onSecond.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1"));
        onFirst.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "12"));
        onSecond.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed"));

        var row = new Records(first).call(onFirst.callSid());
        assertThat(row.get("queue")).isEqualTo("support");
        assertThat(row.get("contact_id")).isEqualTo(alice);
        assertThat(row.get("queue_result")).isEqualTo("bridged");
        assertThat(row.get("final_status")).isEqualTo("completed");
        long attempts = first.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM verification_attempt WHERE call_sid = :c")
                        .bind("c", onFirst.callSid())
                        .mapTo(Long.class)
                        .one());
        assertThat(attempts).isEqualTo(1);
    }

    @Test
    void wrongPinsOnEitherInstanceAddUpToOneLockout() {
        long bob = first.addContact("8102", "Bob Example", "bob8102@example.com", "correct horse 2");
        String pin = first.generatePin(bob);
        String wrong = pin.equals("0000") ? "1111" : "0000";
        // PIN_MAX_FAILURES is 5: wrong PINs alternate between the instances, over two calls.
        int failures = 0;
        while (failures < 5) {
            var call = viaFirst.call("+14155550181");
            var other = viaSecond.existingCall(call.callSid(), "+14155550181");
            call.incoming();
            for (int i = 0; i < 3 && failures < 5; i++, failures++) {
                var via = failures % 2 == 0 ? call : other;
                via.account("8102");
                via.pin(wrong);
            }
        }
        var afterwards = viaSecond.call("+14155550181");
        afterwards.incoming();
        afterwards.account("8102");
        assertThat(Twiml.text(afterwards.pin(pin).body(), "Enqueue")).isEqualTo("support-unverified");
        var onFirst = viaFirst.call("+14155550181");
        onFirst.incoming();
        onFirst.account("8102");
        assertThat(Twiml.text(onFirst.pin(pin).body(), "Enqueue")).isEqualTo("support-unverified");
    }

    @Test
    void aSessionStartedOnOneInstanceGeneratesAPinOnTheOther() throws Exception {
        first.addContact("8103", "Carol Example", "carol8103@example.com", "correct horse 3");
        var onFirst = new WebClient(first);
        var signIn = onFirst.postJson(
                WebPaths.API_SESSION, "{\"email\":\"carol8103@example.com\",\"password\":\"correct horse 3\"}");
        assertThat(signIn.status()).isEqualTo(200);

        var onSecond = new WebClient(second);
        onSecond.setCookie("__Host-sid", onFirst.cookie("__Host-sid").orElseThrow());
        var generated = onSecond.postJson(WebPaths.API_SUPPORT_PIN, "{}");
        assertThat(generated.status()).isEqualTo(201);
        String pin = generated.body().replaceAll(".*\"pin\":\"(\\d+)\".*", "$1");

        // And the PIN generated on the second instance verifies a call answered by the first.
        var call = viaFirst.call("+14155550183");
        call.incoming();
        call.account("8103");
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");

        // Signing out on the second instance ends the session on the first one too.
        assertThat(onSecond.delete(WebPaths.API_SESSION).status()).isEqualTo(204);
        assertThat(onFirst.postJson(WebPaths.API_SUPPORT_PIN, "{}").status()).isEqualTo(401);
    }
}
