package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.pin.PinDao;
import com.supportpin.pin.PinHasher;
import com.supportpin.support.TestServer;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which writes may commit without waiting for the disk: the hold refresh and the status callback, whose
 * loss in a crash is harmless, do, for their own transaction only; the PIN consume with its audit row
 * never does.
 */
class BookkeepingCommitTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aHoldRefreshCommitsWithoutWaitingForTheDiskAndOnlyItsOwnTransactionDoes() {
        String during = server.jdbi().inTransaction(handle -> {
            handle.attach(QueueDao.Waiting.class)
                    .stillWaiting("CAhold", QueueRouting.UNVERIFIED_QUEUE, NOW.minusSeconds(30), NOW);
            return synchronousCommit(handle);
        });

        assertThat(during).isEqualTo("off");
        assertThat(server.jdbi().withHandle(BookkeepingCommitTest::synchronousCommit))
                .isEqualTo("on");
        Instant lastSeen = server.jdbi()
                .withHandle(handle -> handle.select("SELECT last_seen_at FROM queue_member WHERE call_sid = 'CAhold'")
                        .mapTo(Instant.class)
                        .one());
        assertThat(lastSeen).as("the refresh was written").isEqualTo(NOW);
    }

    @Test
    void aStatusCallbackCommitsWithoutWaitingForTheDisk() {
        String during = server.jdbi().inTransaction(handle -> {
            handle.attach(CallDao.StatusRecording.class)
                    .recordStatus("CAstatus", "+14155550100", "completed", true, "hangup", NOW);
            return synchronousCommit(handle);
        });

        assertThat(during).isEqualTo("off");
        assertThat(server.jdbi().withHandle(BookkeepingCommitTest::synchronousCommit))
                .isEqualTo("on");
    }

    @Test
    void aPinConsumeAndItsAuditRowWaitForTheDisk() {
        long contact = server.addContact("4711", "Dora Durable", "dora@example.com", "correct horse 7");
        String pin = server.generatePin(contact);

        String during = server.jdbi().inTransaction(handle -> {
            var consumed = handle.attach(PinDao.class)
                    .consumeAndAudit(
                            "4711",
                            new PinHasher(TestServer.APP_SECRET).pinHash("4711", pin),
                            "CAconsume",
                            "+14155550100",
                            "verified",
                            "ivr",
                            null,
                            server.clock().instant());
            assertThat(consumed).isPresent();
            return synchronousCommit(handle);
        });

        assertThat(during).isEqualTo("on");
    }

    private static String synchronousCommit(Handle handle) {
        return handle.select("SELECT current_setting('synchronous_commit')")
                .mapTo(String.class)
                .one();
    }
}
