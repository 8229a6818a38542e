package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A caller's path through the IVR, driven by signed webhooks against the real server and PostgreSQL. */
class VoiceCallFlowTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Records records = new Records(server);
    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int accounts = 5000;

    private String account;
    private long alice;
    private long bob;

    @BeforeEach
    void addAccountWithTwoContacts() {
        account = String.valueOf(accounts++);
        alice = server.addContact(account, "Alice Example", "alice" + account + "@example.com", "correct horse 1");
        bob = server.addContact(account, "Bob Example", "bob" + account + "@example.com", "correct horse 2");
    }

    @Test
    void aCallerWithTheRightPinIsVerifiedAndWaitsInTheSupportQueue() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550101");

        var greeting = call.incoming();
        assertThat(greeting.status()).isEqualTo(200);
        assertThat(greeting.contentType()).startsWith("text/xml");
        assertThat(Twiml.says(greeting.body()).get(0)).contains("Thank you for calling support");
        assertThat(Twiml.attribute(greeting.body(), "Gather", "action")).isEqualTo(VoicePaths.VOICE_ACCOUNT);

        var pinPrompt = call.account(account);
        assertThat(Twiml.attribute(pinPrompt.body(), "Gather", "numDigits")).isEqualTo("4");
        assertThat(Twiml.attribute(pinPrompt.body(), "Gather", "action"))
                .isEqualTo(VoicePaths.VOICE_PIN + "?account=" + account);

        var verified = call.pin(pin);
        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");
        assertThat(Twiml.says(verified.body()))
                .anySatisfy(text -> assertThat(text).contains("You are verified"));
        assertThat(verified.body()).doesNotContain(pin);

        var record = records.call(call.callSid());
        assertThat(record.get("verified_by")).isEqualTo("ivr");
        assertThat(record.get("contact_id")).isEqualTo(alice);
        assertThat(record.get("queue")).isEqualTo("support");
    }

    @Test
    void thePinIdentifiesTheContactWhoGeneratedItNotAnotherContactOfTheAccount() {
        server.generatePin(alice);
        String bobsPin = server.generatePin(bob);
        var call = twilio.call("+14155550102");
        call.incoming();
        call.account(account);

        assertThat(Twiml.text(call.pin(bobsPin).body(), "Enqueue")).isEqualTo("support");
        assertThat(records.call(call.callSid()).get("contact_id")).isEqualTo(bob);
    }

    @Test
    void aPinOfAnotherAccountDoesNotVerify() {
        String otherAccount = String.valueOf(accounts++);
        long carol =
                server.addContact(otherAccount, "Carol", "carol" + otherAccount + "@example.com", "correct horse 3");
        String carolsPin = server.generatePin(carol);
        var call = twilio.call("+14155550103");
        call.incoming();
        call.account(account);

        var reply = call.pin(carolsPin);
        assertThat(Twiml.says(reply.body())).anySatisfy(text -> assertThat(text).contains("did not match"));
        assertThat(reply.body()).doesNotContain("<Enqueue");
    }

    @Test
    void aWrongPinAsksForBothAgainAndThreeWrongPinsRouteToTheUnverifiedQueue() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550104");
        call.incoming();
        for (int attempt = 1; attempt <= 2; attempt++) {
            call.account(account);
            var retry = call.pin(wrongPinFor(account, pin));
            assertThat(Twiml.says(retry.body()))
                    .anySatisfy(text -> assertThat(text).contains("did not match"));
            assertThat(Twiml.attribute(retry.body(), "Gather", "action")).isEqualTo(VoicePaths.VOICE_ACCOUNT);
        }
        call.account(account);
        var last = call.pin(wrongPinFor(account, pin));

        assertThat(Twiml.text(last.body(), "Enqueue")).isEqualTo("support-unverified");
        assertThat(records.call(call.callSid()).get("verified_at")).isNull();
    }

    @Test
    void anExpiredPinDoesNotVerify() {
        String pin = server.generatePin(alice);
        server.clock().advance(Duration.ofMinutes(90).plusSeconds(1));
        var call = twilio.call("+14155550105");
        call.incoming();
        call.account(account);

        assertThat(call.pin(pin).body()).doesNotContain("<Enqueue");
    }

    @Test
    void aPinIsGoodForOneCallOnly() {
        String pin = server.generatePin(alice);
        var first = twilio.call("+14155550106");
        first.incoming();
        first.account(account);
        assertThat(Twiml.text(first.pin(pin).body(), "Enqueue")).isEqualTo("support");

        var second = twilio.call("+14155550106");
        second.incoming();
        second.account(account);
        assertThat(second.pin(pin).body()).doesNotContain("<Enqueue");
    }

    @Test
    void aNewPinRevokesTheContactsPreviousOne() {
        String old = server.generatePin(alice);
        String fresh = server.generatePin(alice);
        var call = twilio.call("+14155550107");
        call.incoming();
        call.account(account);
        if (!old.equals(fresh)) {
            assertThat(call.pin(old).body()).doesNotContain("<Enqueue");
            call.account(account);
        }
        assertThat(Twiml.text(call.pin(fresh).body(), "Enqueue")).isEqualTo("support");
    }

    @Test
    void failuresAcrossCallsLockTheAccountAndRevokeItsPins() {
        String pin = server.generatePin(alice);
        // PIN_MAX_FAILURES defaults to 5: two calls with 3 and 2 wrong PINs.
        int failures = 0;
        while (failures < 5) {
            var call = twilio.call("+14155550108");
            call.incoming();
            for (int i = 0; i < 3 && failures < 5; i++, failures++) {
                call.account(account);
                call.pin(wrongPinFor(account, pin));
            }
        }
        var afterLockout = twilio.call("+14155550108");
        afterLockout.incoming();
        afterLockout.account(account);
        var reply = afterLockout.pin(pin);
        assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support-unverified");
        assertThat(Twiml.says(reply.body()))
                .noneSatisfy(text -> assertThat(text).containsIgnoringCase("lock"));

        // The lockout ends after an hour, but the PIN was revoked with it: a new one is needed.
        server.clock().advance(Duration.ofMinutes(61));
        var later = twilio.call("+14155550108");
        later.incoming();
        later.account(account);
        assertThat(later.pin(pin).body()).doesNotContain("<Enqueue");
        later.account(account);
        assertThat(Twiml.text(later.pin(server.generatePin(alice)).body(), "Enqueue"))
                .isEqualTo("support");
    }

    @Test
    void anUnknownAccountHearsExactlyWhatAWrongPinHears() {
        var known = twilio.call("+14155550109");
        known.incoming();
        var knownPrompt = known.account(account);
        var knownReply = known.pin("0000");

        var unknown = twilio.call("+14155550110");
        unknown.incoming();
        var unknownPrompt = unknown.account("999999999");
        var unknownReply = unknown.pin("0000");

        // The PIN prompt's URL repeats what each caller keyed; apart from that, not a byte differs.
        assertThat(unknownPrompt.body().replace("999999999", "N"))
                .isEqualTo(knownPrompt.body().replace(account, "N"));
        assertThat(unknownReply.body()).isEqualTo(knownReply.body());
    }

    @Test
    void unknownAccountsAreLockedLikeKnownOnes() {
        String unknownAccount = "888888888";
        for (int failures = 0; failures < 5; ) {
            var call = twilio.call("+14155550111");
            call.incoming();
            for (int i = 0; i < 3 && failures < 5; i++, failures++) {
                call.account(unknownAccount);
                call.pin("1234");
            }
        }
        var call = twilio.call("+14155550111");
        call.incoming();
        call.account(unknownAccount);
        assertThat(Twiml.text(call.pin("1234").body(), "Enqueue")).isEqualTo("support-unverified");
    }

    @Test
    void silenceIsRepromptedThreeTimesThenRoutedUnverified() {
        var call = twilio.call("+14155550112");
        call.incoming();
        for (int i = 0; i < 3; i++) {
            var reprompt = call.redirect(VoicePaths.VOICE_ACCOUNT);
            assertThat(Twiml.says(reprompt.body()).get(0)).contains("did not hear");
            assertThat(reprompt.body()).contains("<Gather");
        }
        var routed = call.redirect(VoicePaths.VOICE_ACCOUNT);
        assertThat(Twiml.text(routed.body(), "Enqueue")).isEqualTo("support-unverified");
    }

    @Test
    void starMeansNoPinAndRoutesUnverified() {
        var call = twilio.call("+14155550113");
        call.incoming();
        var routed = call.account("*");
        assertThat(Twiml.text(routed.body(), "Enqueue")).isEqualTo("support-unverified");
        assertThat(Twiml.says(routed.body()).get(0)).contains("No problem");
    }

    @Test
    void garbageDigitsGetAClearRepromptNeverAnError() {
        var call = twilio.call("+14155550114");
        call.incoming();
        for (String garbage : List.of("12ab", "1234567890123456789", "١٢٣", "'; DROP TABLE call; --")) {
            var reply = call.account(garbage);
            assertThat(reply.status()).isEqualTo(200);
            Twiml.strict(reply.body());
            if (!reply.body().contains("<Enqueue")) {
                assertThat(Twiml.says(reply.body()).get(0)).contains("digits only");
            }
        }
        var pinCall = twilio.call("+14155550115");
        pinCall.incoming();
        pinCall.account(account);
        var tooShort = pinCall.pin("12");
        assertThat(Twiml.says(tooShort.body()).get(0)).contains("exactly 4 digits");
        assertThat(Twiml.attribute(tooShort.body(), "Gather", "action"))
                .isEqualTo(VoicePaths.VOICE_PIN + "?account=" + account);
    }

    @Test
    void aRetriedSuccessfulPinStepGetsTheSameAnswer() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550116");
        call.incoming();
        call.account(account);
        var first = call.pin(pin);
        var retried = call.pin(pin);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(Twiml.text(retried.body(), "Enqueue")).isEqualTo("support");
    }

    @Test
    void aRetriedFailureIsNotCountedTwice() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550117");
        call.incoming();
        call.account(account);
        String wrong = wrongPinFor(account, pin);
        var first = call.pin(wrong);
        var retried = call.pin(wrong);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(records.call(call.callSid()).get("pin_failures")).isEqualTo(1);
        int failedAttempts = server.jdbi()
                .withHandle(h -> h.createQuery("SELECT failed_attempts FROM pin_guard WHERE account_number = :a")
                        .bind("a", account)
                        .mapTo(Integer.class)
                        .one());
        assertThat(failedAttempts).isEqualTo(1);
    }

    @Test
    void twentyCallsRacingForOnePinVerifyExactlyOne() throws Exception {
        String pin = server.generatePin(alice);
        int callers = 20;
        var calls = new ArrayList<FakeTwilio.Call>();
        for (int i = 0; i < callers; i++) {
            var call = twilio.call("+1415555" + String.format("%04d", 2000 + i));
            call.incoming();
            call.account(account);
            calls.add(call);
        }
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(callers);
        try {
            var results = new ArrayList<Future<String>>();
            for (var call : calls) {
                Callable<String> attempt = () -> {
                    start.await();
                    return call.pin(pin).body();
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int verified = 0;
            for (var result : results) {
                if ("support".equals(Twiml.text(result.get(), "Enqueue"))) {
                    verified++;
                }
            }
            assertThat(verified).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyAttemptIsAuditedWithoutThePin() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550118");
        call.incoming();
        call.account(account);
        call.pin(wrongPinFor(account, pin));
        call.account(account);
        call.pin(pin);

        var rows = records.attempts(call.callSid());
        assertThat(rows).extracting(row -> row.get("outcome")).containsExactly("wrong_pin", "verified");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("caller")).isEqualTo("+14155550118");
            assertThat(row.get("account_entered")).isEqualTo(account);
            assertThat(row.values().toString()).doesNotContain(pin);
        });
    }

    @Test
    void theQueueActionAndStatusCallbackAreRecorded() {
        var call = twilio.call("+14155550119");
        call.incoming();
        call.account("*");
        var exit = call.post(
                VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "42", "QueueSid", "QU0123"));
        assertThat(Twiml.strict(exit.body())).isNotNull();
        var status = call.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed", "CallDuration", "120"));
        assertThat(status.status()).isEqualTo(200);

        var record = records.call(call.callSid());
        assertThat(record.get("queue_result")).isEqualTo("bridged");
        assertThat(record.get("queue_time_s")).isEqualTo(42);
        assertThat(record.get("final_status")).isEqualTo("completed");
        assertThat(record.get("queue")).isEqualTo("support-unverified");
    }

    @Test
    void theHoldMusicTellsTheCallerTheirPlaceInTheQueue() {
        var call = twilio.call("+14155550120");
        var hold = call.post(
                VoicePaths.VOICE_HOLD,
                Map.of(
                        "QueuePosition",
                        "3",
                        "QueueSid",
                        "QU0123",
                        "QueueTime",
                        "30",
                        "AvgQueueTime",
                        "60",
                        "CurrentQueueSize",
                        "5",
                        "MaxQueueSize",
                        "1000"));
        assertThat(Twiml.says(hold.body()).get(0)).isEqualTo("You are number 3 in line.");
        assertThat(hold.body()).contains("<Play>");
    }

    /** A PIN that is none of the given ones (nor, with none given, likely anyone's). */
    private static String wrongPinFor(String account, String... avoid) {
        for (String candidate : List.of("0000", "1111", "2222", "3333", "4444")) {
            if (!List.of(avoid).contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
