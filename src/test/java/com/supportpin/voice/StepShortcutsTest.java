package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.Records;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-statement paths of the account and PIN steps (CallShortcuts): they leave exactly what the
 * full path leaves, and the account number in the PIN step's URL is only a hint, never a way to pick
 * which account's PIN is checked.
 */
class StepShortcutsTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Records records = new Records(server);
    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int accounts = 7000;

    private String account;
    private long alice;

    @BeforeEach
    void addAccount() {
        account = String.valueOf(accounts++);
        alice = server.addContact(account, "Alice Shortcut", "alice" + account + "@example.com", "correct horse 1");
    }

    @Test
    void theAccountStepSendsThePinToAUrlNamingTheAccountEntered() {
        var call = twilio.call("+14155550301");
        call.incoming();

        var prompt = call.account(account);

        assertThat(Twiml.attribute(prompt.body(), "Gather", "action"))
                .isEqualTo(VoicePaths.VOICE_PIN + "?account=" + account);
        assertThat(Twiml.text(prompt.body(), "Redirect")).isEqualTo(VoicePaths.VOICE_PIN + "?account=" + account);
        assertThat(records.call(call.callSid()))
                .containsEntry("account_entered", account)
                .containsEntry("last_step", "account")
                .containsEntry("last_response", prompt.body());
    }

    @Test
    void aVerifiedPinLeavesTheSameRecordsAsTheFullPath() {
        var shortcut = verifyThrough(VoicePaths.VOICE_PIN + "?account=" + account, account, alice);
        String other = String.valueOf(accounts++);
        long bob = server.addContact(other, "Bob Full", "bob" + other + "@example.com", "correct horse 2");
        var full = verifyThrough(VoicePaths.VOICE_PIN, other, bob);

        for (var rows : new Map[] {shortcut, full}) {
            assertThat(rows.get("queue")).isEqualTo("support");
            assertThat(rows.get("verified_by")).isEqualTo("ivr");
            assertThat(rows.get("verified_at")).isNotNull();
            assertThat(rows.get("last_step")).isEqualTo("pin");
            assertThat(rows.get("queue_member")).isEqualTo("support");
            assertThat(rows.get("audit")).isEqualTo("verified");
            assertThat(rows.get("failed_attempts")).isEqualTo(0);
        }
        assertThat(shortcut.get("contact_id")).isEqualTo(alice);
        assertThat(full.get("contact_id")).isEqualTo(bob);
    }

    @Test
    void aUrlNamingAnotherAccountChecksThePinAgainstTheAccountTheCallEntered() {
        String other = String.valueOf(accounts++);
        long carol = server.addContact(other, "Carol Other", "carol" + other + "@example.com", "correct horse 3");
        String carolsPin = server.generatePin(carol);
        var call = twilio.call("+14155550302");
        call.incoming();
        call.account(account);

        var reply = call.post(VoicePaths.VOICE_PIN + "?account=" + other, Map.of("Digits", carolsPin));

        assertThat(reply.body()).doesNotContain("<Enqueue");
        assertThat(Twiml.says(reply.body())).anySatisfy(text -> assertThat(text).contains("did not match"));
        assertThat(records.call(call.callSid()).get("verified_at")).isNull();
        assertThat(records.call(call.callSid()).get("pin_failures")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM support_pin WHERE contact_id = :c AND used_at IS NULL", "c", carol))
                .isEqualTo(1);
        String audited = server.jdbi()
                .withHandle(h -> h.createQuery("SELECT account_entered FROM verification_attempt WHERE call_sid = :c")
                        .bind("c", call.callSid())
                        .mapTo(String.class)
                        .one());
        assertThat(audited).isEqualTo(account);
    }

    @Test
    void aMalformedOrMissingHintTakesTheFullPath() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550303");
        call.incoming();
        call.account(account);

        var reply = call.post(VoicePaths.VOICE_PIN + "?account=12ab%27--", Map.of("Digits", pin));

        assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support");
        assertThat(records.call(call.callSid()).get("contact_id")).isEqualTo(alice);
    }

    @Test
    void theRightPinOfALockedAccountIsNotConsumed() {
        String pin = server.generatePin(alice);
        server.jdbi().useHandle(h -> h.execute("""
                INSERT INTO pin_guard (account_number, failed_attempts, locked_until)
                VALUES (?, 5, now() + interval '1 hour')""", account));
        var call = twilio.call("+14155550304");
        call.incoming();
        call.account(account);

        var reply = call.pin(pin);

        assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support-unverified");
        assertThat(count("SELECT count(*) FROM support_pin WHERE contact_id = :c AND used_at IS NOT NULL", "c", alice))
                .isZero();
    }

    @Test
    void anAccountStepOfARoutedCallRoutesItAgainAndChangesNothing() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550305");
        call.incoming();
        call.account(account);
        call.pin(pin);

        var again = call.account("123456");

        assertThat(Twiml.text(again.body(), "Enqueue")).isEqualTo("support");
        assertThat(records.call(call.callSid()))
                .containsEntry("account_entered", account)
                .containsEntry("last_step", "pin");
    }

    @Test
    void aSecondPinAfterVerificationDoesNotConsumeIt() {
        String pin = server.generatePin(alice);
        var call = twilio.call("+14155550306");
        call.incoming();
        call.account(account);
        call.pin(pin);
        String second = server.generatePin(alice);

        var again = call.post(VoicePaths.VOICE_PIN + "?account=" + account, Map.of("Digits", second));

        assertThat(Twiml.text(again.body(), "Enqueue")).isEqualTo("support");
        assertThat(count(
                        "SELECT count(*) FROM support_pin WHERE contact_id = :c AND used_at IS NULL AND revoked_at IS NULL",
                        "c",
                        alice))
                .isEqualTo(1);
    }

    /** Calls in, keys the account number, and posts the contact's fresh PIN to {@code pinPath}. */
    private Map<String, Object> verifyThrough(String pinPath, String accountNumber, long contact) {
        String pin = server.generatePin(contact);
        var call = twilio.call("+14155550307");
        call.incoming();
        call.account(accountNumber);
        var reply = call.post(pinPath, Map.of("Digits", pin));
        assertThat(Twiml.text(reply.body(), "Enqueue")).isEqualTo("support");
        return stateAfter(call.callSid(), accountNumber, reply.body());
    }

    /** The call's row, with its queue record, audit outcomes and the account's failure count. */
    private Map<String, Object> stateAfter(String callSid, String accountNumber, String answer) {
        var rows = new HashMap<>(records.call(callSid));
        assertThat(rows.get("last_response")).isEqualTo(answer);
        rows.put(
                "queue_member",
                server.jdbi()
                        .withHandle(h -> h.createQuery(
                                        "SELECT queue FROM queue_member WHERE call_sid = :c AND left_at IS NULL")
                                .bind("c", callSid)
                                .mapTo(String.class)
                                .one()));
        rows.put(
                "audit",
                server.jdbi()
                        .withHandle(h -> h.createQuery(
                                        "SELECT string_agg(outcome, ',') FROM verification_attempt WHERE call_sid = :c")
                                .bind("c", callSid)
                                .mapTo(String.class)
                                .one()));
        rows.put(
                "failed_attempts",
                count(
                        "SELECT coalesce(max(failed_attempts), 0) FROM pin_guard WHERE account_number = :a",
                        "a",
                        accountNumber));
        return rows;
    }

    private static int count(String sql, String name, Object value) {
        return server.jdbi()
                .withHandle(h -> h.createQuery(sql)
                        .bind(name, value)
                        .mapTo(Integer.class)
                        .one());
    }
}
