package com.supportpin.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.TestServer;
import java.util.HashSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PIN rules that hold in the store itself, whatever channel issues or checks them. */
class SupportPinsTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void twoLivePinsOfOneAccountNeverCollide() {
        // 150 contacts on one account in a 10,000-PIN space: collisions are likely without the guard.
        server.jdbi().useHandle(h -> {
            long account = h.createQuery("INSERT INTO account (account_number) VALUES ('7001') RETURNING id")
                    .mapTo(Long.class).one();
            for (int i = 0; i < 150; i++) {
                h.createUpdate("INSERT INTO contact (account_id, name, email, password_hash) "
                        + "VALUES (:a, :n, :e, 'x')").bind("a", account).bind("n", "C" + i)
                        .bind("e", "c" + i + "@example.com").execute();
            }
        });
        var contacts = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT c.id FROM contact c JOIN account a ON a.id = c.account_id WHERE a.account_number = '7001'")
                .mapTo(Long.class).list());
        var pins = new HashSet<String>();
        for (long contact : contacts) {
            pins.add(server.generatePin(contact));
        }
        assertThat(pins).hasSize(150);
        int live = server.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(DISTINCT pin_hash) FROM support_pin p JOIN account a ON a.id = p.account_id
                 WHERE a.account_number = '7001' AND used_at IS NULL AND revoked_at IS NULL
                """).mapTo(Integer.class).one());
        assertThat(live).isEqualTo(150);
    }

    @Test
    void pinsAreStoredOnlyAsKeyedHashes() {
        long contact = server.addContact("7002", "Hash Check", "hash@example.com", "hash password 1");
        String pin = server.generatePin(contact);
        var row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM support_pin WHERE contact_id = :c").bind("c", contact).mapToMap().one());
        byte[] stored = (byte[]) row.get("pin_hash");
        assertThat(stored).hasSize(32);
        assertThat(stored).isEqualTo(new PinHasher(TestServer.APP_SECRET).pinHash("7002", pin));
        assertThat(row.values().toString()).doesNotContain(pin);
    }

    @Test
    void pinsHaveLeadingZerosAndAllTenDigitsOverMany() {
        long contact = server.addContact("7003", "Digits", "digits@example.com", "digits password 1");
        var seen = new HashSet<Character>();
        boolean leadingZero = false;
        for (int i = 0; i < 400; i++) {
            String pin = server.generatePin(contact);
            assertThat(pin).matches("[0-9]{4}");
            leadingZero |= pin.startsWith("0");
            pin.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(10);
        assertThat(leadingZero).isTrue();
    }
}
