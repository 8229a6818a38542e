package com.supportpin.api;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Contacts as the account center's API sees them: by their externalId, enabled or disabled. */
@RegisterConstructorMapper(ContactSyncDao.SyncedContact.class)
public interface ContactSyncDao {

    /** A contact with its account number; no password hash, only whether there is one. */
    record SyncedContact(
            long id,
            long accountId,
            String accountNumber,
            String name,
            String email,
            String phone,
            boolean hasPassword,
            Instant disabledAt) {
        public boolean disabled() {
            return disabledAt != null;
        }
    }

    @SqlQuery("""
            SELECT c.id, c.account_id, a.account_number, c.name, c.email, c.phone,
                   c.password_hash IS NOT NULL AS has_password, c.disabled_at
              FROM contact c JOIN account a ON a.id = c.account_id
             WHERE c.external_id = :externalId
            """)
    Optional<SyncedContact> find(String externalId);

    /** {@link #find}, locking the row until the transaction ends (an upsert or a disable in progress). */
    @SqlQuery("""
            SELECT c.id, c.account_id, a.account_number, c.name, c.email, c.phone,
                   c.password_hash IS NOT NULL AS has_password, c.disabled_at
              FROM contact c JOIN account a ON a.id = c.account_id
             WHERE c.external_id = :externalId
               FOR UPDATE OF c
            """)
    Optional<SyncedContact> lock(String externalId);

    /** Gives the contact with this e-mail (any case) and no externalId yet this externalId; its id, or empty. */
    @SqlQuery("""
            UPDATE contact SET external_id = :externalId
             WHERE id = (SELECT id FROM contact
                          WHERE lower(email) = lower(:email) AND external_id IS NULL
                            FOR UPDATE)
               AND external_id IS NULL
            RETURNING id
            """)
    Optional<Long> linkUnnamed(String email, String externalId);

    /** True when a contact other than this externalId's has the e-mail (any case). */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM contact
                            WHERE lower(email) = lower(:email) AND external_id IS DISTINCT FROM :externalId)
            """)
    boolean emailTakenByAnother(String email, String externalId);

    /** Inserts the contact unless its externalId or e-mail was taken meanwhile; returns the new id. */
    @SqlQuery("""
            INSERT INTO contact (account_id, name, email, phone, password_hash, external_id)
            VALUES (:accountId, :name, :email, :phone, :passwordHash, :externalId)
            ON CONFLICT DO NOTHING
            RETURNING id
            """)
    Optional<Long> insert(
            long accountId, String name, String email, String phone, String passwordHash, String externalId);

    /** Updates every field (a missing password hash keeps the current one) and enables the contact. */
    @SqlUpdate("""
            UPDATE contact SET account_id = :accountId, name = :name, email = :email, phone = :phone,
                   password_hash = COALESCE(:passwordHash, password_hash), disabled_at = NULL
             WHERE id = :id
            """)
    void update(long id, long accountId, String name, String email, String phone, String passwordHash);

    @SqlUpdate("UPDATE contact SET disabled_at = :now WHERE id = :id AND disabled_at IS NULL")
    void disable(long id, Instant now);

    /** Ends every web session of the contact. */
    @SqlUpdate("DELETE FROM web_session WHERE contact_id = :contactId")
    int endSessions(long contactId);
}
