package com.supportpin.support;

import com.supportpin.contact.ContactDao;
import com.supportpin.contact.Passwords;
import org.jdbi.v3.core.Jdbi;

/**
 * Many contacts that share one password, for tests that need dozens of them: the Argon2id hash is
 * computed once (tens of milliseconds) instead of once per contact.
 */
public final class ManyContacts {

    private final Jdbi jdbi;
    private final String passwordHash;

    public ManyContacts(Jdbi jdbi, String password) {
        this.jdbi = jdbi;
        this.passwordHash = new Passwords().hash(password);
    }

    /** Adds a contact (and its account, if new) with the shared password; returns the contact's id. */
    public long add(String accountNumber, String name, String email) {
        return jdbi.inTransaction(handle -> {
            ContactDao contacts = handle.attach(ContactDao.class);
            return contacts.insertContact(contacts.upsertAccount(accountNumber), name, email, null, passwordHash)
                    .orElseThrow(() -> new IllegalStateException(email + " exists already"));
        });
    }
}
