package com.supportpin.contact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Adds contacts and checks their sign-in. */
public final class Contacts {

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("^[0-9]{1,12}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9._~:@|+=-]{1,200}$");

    private final Jdbi jdbi;
    private final Passwords passwords;

    public Contacts(Jdbi jdbi, Passwords passwords) {
        this.jdbi = jdbi;
        this.passwords = passwords;
    }

    /** Validates and stores a contact with a freshly hashed password; returns its id. */
    public long add(String accountNumber, String name, String email, String phone, String password) {
        validate(accountNumber, name, email, phone);
        Passwords.weakness(password).ifPresent(reason -> {
            throw new Refused(reason);
        });
        return insert(accountNumber, name, email, phone, passwords.hash(password));
    }

    /** The contact with this e-mail and password, spending the same time whether or not the e-mail exists. */
    public Optional<ContactDao.Contact> signIn(String email, String password) {
        Optional<ContactDao.Contact> contact = email == null || email.length() > 320
                ? Optional.empty()
                : jdbi.onDemand(ContactDao.class).findByEmail(email.trim());
        if (contact.isEmpty() || contact.get().passwordHash() == null) {
            // unknown, or made by the account center's API without a password: the same work either way
            passwords.verifyDecoy(password);
            return Optional.empty();
        }
        if (!passwords.verify(password, contact.get().passwordHash())) {
            return Optional.empty();
        }
        if (passwords.needsRehash(contact.get().passwordHash())) {
            jdbi.onDemand(ContactDao.class).updatePasswordHash(contact.get().id(), passwords.hash(password));
        }
        return contact;
    }

    public Optional<ContactDao.Contact> find(long contactId) {
        return jdbi.onDemand(ContactDao.class).findById(contactId);
    }

    private long insert(String accountNumber, String name, String email, String phone, String passwordHash) {
        return jdbi.inTransaction(handle -> {
            ContactDao dao = handle.attach(ContactDao.class);
            long accountId = dao.upsertAccount(accountNumber);
            return dao.insertContact(accountId, name.trim(), email.trim(), phone, passwordHash)
                    .orElseThrow(() -> new Refused("a contact with e-mail " + email.trim() + " already exists"));
        });
    }

    static void validate(String accountNumber, String name, String email, String phone) {
        fieldProblems(accountNumber, name, email, phone).values().stream()
                .findFirst()
                .ifPresent(reason -> {
                    throw new Refused(reason);
                });
    }

    /** What is wrong with each field of a contact (accountNumber, name, email, phone), in that order; empty when nothing. */
    public static Map<String, String> fieldProblems(String accountNumber, String name, String email, String phone) {
        var problems = new LinkedHashMap<String, String>();
        if (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches()) {
            problems.put("accountNumber", "account number must be 1 to 12 digits");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.put("name", "name must be 1 to 200 characters");
        }
        if (email == null
                || email.length() > 320
                || !EMAIL.matcher(email.trim()).matches()) {
            problems.put("email", "e-mail address is not valid");
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            problems.put("phone", "phone must be in E.164 form, such as +14155550100");
        }
        return problems;
    }

    /** True for an account center's id of a contact: 1 to 200 characters, letters, digits and {@code ._~:@|+=-}. */
    public static boolean isExternalId(String externalId) {
        return externalId != null && EXTERNAL_ID.matcher(externalId).matches();
    }
}
