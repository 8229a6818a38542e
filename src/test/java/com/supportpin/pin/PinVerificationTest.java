package com.supportpin.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guess cap around the one-statement check-and-consume, through the phone line against PostgreSQL. */
class PinVerificationTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int accounts = 7000;

    @Test
    void aVerifiedPinClearsTheAccountsFailedAttempts() {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Dana Example", "dana" + account + "@example.com", "correct horse 4");
        String pin = server.generatePin(contact);
        keyWrongPins(account, pin, 4);
        assertThat(failedAttempts(account)).isEqualTo(4);

        var call = twilio.call("+14155550140");
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");

        assertThat(failedAttempts(account)).isZero();
    }

    @Test
    void aWrongPinLeavesTheFailedAttemptsCounted() {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Eli Example", "eli" + account + "@example.com", "correct horse 5");
        String pin = server.generatePin(contact);

        keyWrongPins(account, pin, 2);

        assertThat(failedAttempts(account)).isEqualTo(2);
    }

    @Test
    void aLockedAccountsRightPinIsNotConsumed() {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Fay Example", "fay" + account + "@example.com", "correct horse 6");
        keyWrongPins(account, "none", 5);
        String pin = server.generatePin(contact);

        var call = twilio.call("+14155550141");
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support-unverified");

        Object usedAt = server.jdbi()
                .withHandle(handle -> handle.createQuery("""
                SELECT p.used_at FROM support_pin p JOIN account a ON a.id = p.account_id
                 WHERE a.account_number = :account ORDER BY p.id DESC LIMIT 1
                """)
                        .bind("account", account)
                        .mapToMap()
                        .one()
                        .get("used_at"));
        assertThat(usedAt).isNull();
    }

    @Test
    void failuresAQuietDayOldAreForgottenSoFourAndFourDoNotLock() {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Gil Example", "gil" + account + "@example.com", "correct horse 7");
        keyWrongPins(account, "none", 4);
        server.clock().advance(Duration.ofHours(24).plusMinutes(1));
        String pin = server.generatePin(contact);

        keyWrongPins(account, pin, 4);

        assertThat(failedAttempts(account))
                .as("counted afresh after the quiet day")
                .isEqualTo(4);
        var call = twilio.call("+14155550143");
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");
    }

    @Test
    void fiveFailuresWithinADayLockTheAccount() {
        String account = String.valueOf(accounts++);
        long contact = server.addContact(account, "Hal Example", "hal" + account + "@example.com", "correct horse 8");
        keyWrongPins(account, "none", 4);
        server.clock().advance(Duration.ofHours(23));

        keyWrongPins(account, "none", 1);

        String pin = server.generatePin(contact);

        var call = twilio.call("+14155550144");
        call.incoming();
        call.account(account);
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support-unverified");
    }

    /** Keys {@code count} wrong PINs for the account, two per call so no call reaches its own limit. */
    private static void keyWrongPins(String account, String rightPin, int count) {
        String wrong = rightPin.equals("0000") ? "1111" : "0000";
        FakeTwilio.Call call = null;
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                call = twilio.call("+14155550142");
                call.incoming();
            }
            call.account(account);
            call.pin(wrong);
        }
    }

    private static int failedAttempts(String account) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT failed_attempts FROM pin_guard WHERE account_number = :account")
                        .bind("account", account)
                        .mapTo(Integer.class)
                        .one());
    }
}
