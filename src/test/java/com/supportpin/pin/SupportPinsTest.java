package com.supportpin.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PIN rules that hold in the store itself, whatever channel issues or checks them. */
class SupportPinsTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void twoLivePinsOfOneAccountNeverCollide() {
        // 150 contacts on one account in a 10,000-PIN space: collisions are likely without the guard.
        server.jdbi().useHandle(h -> {
            long account = h.createQuery("INSERT INTO account (account_number) VALUES ('7001') RETURNING id")
                    .mapTo(Long.class)
                    .one();
            for (int i = 0; i < 150; i++) {
                h.createUpdate("INSERT INTO contact (account_id, name, email, password_hash) "
                                + "VALUES (:a, :n, :e, 'x')")
                        .bind("a", account)
                        .bind("n", "C" + i)
                        .bind("e", "c" + i + "@example.com")
                        .execute();
            }
        });
        var contacts = server.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT c.id FROM contact c JOIN account a ON a.id = c.account_id WHERE a.account_number = '7001'")
                        .mapTo(Long.class)
                        .list());
        var pins = new HashSet<String>();
        for (long contact : contacts) {
            pins.add(server.generatePin(contact));
        }
        assertThat(pins).hasSize(150);
        int live = server.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT count(DISTINCT pin_hash) FROM support_pin p JOIN account a ON a.id = p.account_id
                 WHERE a.account_number = '7001' AND used_at IS NULL AND revoked_at IS NULL
                """).mapTo(Integer.class).one());
        assertThat(live).isEqualTo(150);
    }

    @Test
    void aNewPinMayRepeatTheContactsOwnPreviousOneButNeverAnotherContactsLivePin() {
        long first = server.addContact("7003", "Same Digits", "same1@example.com", "same password 1");
        long second = server.addContact("7003", "Other Contact", "same2@example.com", "same password 2");
        long account = server.jdbi()
                .withHandle(h -> h.createQuery("SELECT account_id FROM contact WHERE id = :c")
                        .bind("c", first)
                        .mapTo(Long.class)
                        .one());
        byte[] hash = new PinHasher(TestServer.APP_SECRET).pinHash("7003", "4242");
        Instant now = server.clock().instant();
        Instant later = now.plusSeconds(5400);

        var issued = server.jdbi()
                .withExtension(
                        PinDao.Issuing.class,
                        pins -> List.of(
                                pins.replaceLivePin(account, first, hash, now, later),
                                // The same digits again for the same contact: the statement revokes the old PIN first.
                                pins.replaceLivePin(account, first, hash, now, later),
                                // The same digits for another contact of the account: they collide with a live PIN.
                                pins.replaceLivePin(account, second, hash, now, later)));

        assertThat(issued.get(0)).isPresent();
        assertThat(issued.get(1)).isPresent().isNotEqualTo(issued.get(0));
        assertThat(issued.get(2)).isEmpty();
        var live = server.jdbi()
                .withHandle(h ->
                        h.createQuery("""
                SELECT contact_id FROM support_pin WHERE account_id = :a AND used_at IS NULL AND revoked_at IS NULL
                """).bind("a", account).mapTo(Long.class).list());
        assertThat(live).containsExactly(first);
    }

    @Test
    void twoGenerateRequestsOfOneContactAtTheSameInstantLeaveOneLivePin() throws Exception {
        long contact = server.addContact("7004", "Two Clicks", "clicks@example.com", "clicks password 1");
        server.generatePin(contact);
        var pool = Executors.newFixedThreadPool(2);
        try (var holder = DriverManager.getConnection(server.databaseUrl())) {
            // Hold the contact's live PIN so that both requests start, take their snapshots and wait on it.
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT 1 FROM support_pin WHERE contact_id = ? FOR UPDATE")) {
                lock.setLong(1, contact);
                lock.executeQuery().close();
            }
            var first = pool.submit(() -> server.generatePin(contact));
            var second = pool.submit(() -> server.generatePin(contact));
            awaitWaitingOnLocks(holder, 2);
            holder.rollback();
            assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(4);
            assertThat(second.get(30, TimeUnit.SECONDS)).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        int live = server.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT count(*) FROM support_pin WHERE contact_id = :c AND used_at IS NULL AND revoked_at IS NULL")
                        .bind("c", contact)
                        .mapTo(Integer.class)
                        .one());
        assertThat(live).isEqualTo(1);
    }

    private static void awaitWaitingOnLocks(Connection connection, int sessions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var waiting = connection
                    .createStatement()
                    .executeQuery(
                            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
                waiting.next();
                if (waiting.getInt(1) >= sessions) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(sessions + " sessions never waited on the held PIN row");
    }

    @Test
    void pinsAreStoredOnlyAsKeyedHashes() {
        long contact = server.addContact("7002", "Hash Check", "hash@example.com", "hash password 1");
        String pin = server.generatePin(contact);
        var row = server.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM support_pin WHERE contact_id = :c")
                        .bind("c", contact)
                        .mapToMap()
                        .one());
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
