package com.supportpin.api;

import com.supportpin.contact.ContactDao;
import com.supportpin.pin.PinDao;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** What the account center's backend does to contacts: idempotent upsert by externalId, disable, look up. */
public final class ContactSync {

    /** A contact as the account center describes it; {@code passwordHash} empty keeps the current one. */
    public record Described(
            String accountNumber, String name, String email, Optional<String> phone, Optional<String> passwordHash) {
        @Override
        public String toString() {
            return "Described[account=" + accountNumber + ", email=" + email + "]";
        }
    }

    /** What an upsert did. */
    public enum Upsert {
        CREATED,
        UPDATED,
        /** A contact that had no externalId (imported from CSV, say) had this e-mail: it now has this externalId. */
        LINKED,
        EMAIL_TAKEN
    }

    /** An upsert's outcome and, unless the e-mail was taken, the contact as it now is. */
    public record UpsertResult(Upsert outcome, Optional<ContactSyncDao.SyncedContact> contact) {}

    private final Jdbi jdbi;
    private final Clock clock;

    public ContactSync(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Optional<ContactSyncDao.SyncedContact> find(String externalId) {
        return jdbi.withExtension(ContactSyncDao.class, contacts -> contacts.find(externalId));
    }

    /** Creates or updates (and re-enables) the contact; a move to another account revokes its live PIN. */
    public UpsertResult upsert(String externalId, Described contact) {
        // Two first PUTs of one externalId may race to insert: the loser finds the winner's row on its second try.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Optional<UpsertResult> done = jdbi.inTransaction(handle -> {
                    var dao = handle.attach(ContactSyncDao.class);
                    Optional<ContactSyncDao.SyncedContact> existing = dao.lock(externalId);
                    // The account center takes over a contact it has not named yet by its e-mail, and keeps its
                    // history; one it already knows by another externalId keeps the e-mail (409).
                    boolean linked = existing.isEmpty()
                            && dao.linkUnnamed(contact.email(), externalId).isPresent();
                    if (linked) {
                        existing = dao.lock(externalId);
                    }
                    if (dao.emailTakenByAnother(contact.email(), externalId)) {
                        return Optional.of(new UpsertResult(Upsert.EMAIL_TAKEN, Optional.empty()));
                    }
                    long accountId = handle.attach(ContactDao.class).upsertAccount(contact.accountNumber());
                    Upsert outcome;
                    if (existing.isEmpty()) {
                        if (dao.insert(
                                        accountId,
                                        contact.name(),
                                        contact.email(),
                                        contact.phone().orElse(null),
                                        contact.passwordHash().orElse(null),
                                        externalId)
                                .isEmpty()) {
                            return Optional.<UpsertResult>empty(); // lost the race: try again as an update
                        }
                        outcome = Upsert.CREATED;
                    } else {
                        long id = existing.get().id();
                        dao.update(
                                id,
                                accountId,
                                contact.name(),
                                contact.email(),
                                contact.phone().orElse(null),
                                contact.passwordHash().orElse(null));
                        if (existing.get().accountId() != accountId) {
                            handle.attach(PinDao.class).revokeLiveForContact(id, clock.instant());
                        }
                        outcome = linked ? Upsert.LINKED : Upsert.UPDATED;
                    }
                    return Optional.of(new UpsertResult(outcome, dao.find(externalId)));
                });
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (UnableToExecuteStatementException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // another contact took the e-mail between the check and the update
                return new UpsertResult(Upsert.EMAIL_TAKEN, Optional.empty());
            }
        }
        return new UpsertResult(Upsert.EMAIL_TAKEN, Optional.empty());
    }

    /** Disables the contact in one transaction: no sign-in, live PINs revoked, sessions ended, history kept; false when unknown. */
    public boolean disable(String externalId) {
        return jdbi.inTransaction(handle -> {
            var dao = handle.attach(ContactSyncDao.class);
            Optional<ContactSyncDao.SyncedContact> contact = dao.lock(externalId);
            if (contact.isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            dao.disable(contact.get().id(), now);
            handle.attach(PinDao.class).revokeLiveForContact(contact.get().id(), now);
            dao.endSessions(contact.get().id());
            return true;
        });
    }

    private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
}
