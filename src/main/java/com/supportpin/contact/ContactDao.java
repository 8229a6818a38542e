package com.supportpin.contact;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Accounts and the contacts who may sign in for them. */
@RegisterConstructorMapper(ContactDao.Contact.class)
public interface ContactDao {

    /** A contact with the account it belongs to. */
    record Contact(
            long id,
            long accountId,
            String accountNumber,
            String name,
            String email,
            String phone,
            String passwordHash) {
        @Override
        public String toString() {
            return "Contact[id=" + id + ", account=" + accountNumber + ", name=" + name + "]";
        }
    }

    /** Returns the id of the account with this number, creating it when new. */
    @SqlQuery("""
            INSERT INTO account (account_number) VALUES (:accountNumber)
            ON CONFLICT (account_number) DO UPDATE SET account_number = EXCLUDED.account_number
            RETURNING id
            """)
    long upsertAccount(String accountNumber);

    /** Inserts a contact unless the e-mail is taken; returns the new id. */
    @SqlQuery("""
            INSERT INTO contact (account_id, name, email, phone, password_hash)
            VALUES (:accountId, :name, :email, :phone, :passwordHash)
            ON CONFLICT (lower(email)) DO NOTHING
            RETURNING id
            """)
    Optional<Long> insertContact(long accountId, String name, String email, String phone, String passwordHash);

    /** The contact who may sign in with this e-mail: a disabled one is as unknown as a missing one. */
    @SqlQuery("""
            SELECT c.id, c.account_id, a.account_number, c.name, c.email, c.phone, c.password_hash
              FROM contact c JOIN account a ON a.id = c.account_id
             WHERE lower(c.email) = lower(:email) AND c.disabled_at IS NULL
            """)
    Optional<Contact> findByEmail(String email);

    /** The enabled contact the account center knows by this id (the ID token's subject, the API's key). */
    @SqlQuery("""
            SELECT c.id, c.account_id, a.account_number, c.name, c.email, c.phone, c.password_hash
              FROM contact c JOIN account a ON a.id = c.account_id
             WHERE c.external_id = :externalId AND c.disabled_at IS NULL
            """)
    Optional<Contact> findEnabledByExternalId(String externalId);

    @SqlQuery("""
            SELECT c.id, c.account_id, a.account_number, c.name, c.email, c.phone, c.password_hash
              FROM contact c JOIN account a ON a.id = c.account_id
             WHERE c.id = :id
            """)
    Optional<Contact> findById(long id);

    @SqlUpdate("UPDATE contact SET password_hash = :passwordHash WHERE id = :id")
    void updatePasswordHash(long id, String passwordHash);

    @SqlQuery("SELECT count(*) FROM contact")
    long count();
}
