package com.supportpin.contact;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/** A CSV record's fields, blank when absent ({@code password} only when the file has that column), and their checks. */
record CsvFields(
        String accountNumber,
        String name,
        String email,
        String phone,
        String hash,
        String password,
        String externalId) {

    static CsvFields of(CSVRecord record, boolean plainPasswords) {
        return new CsvFields(
                field(record, "account_number"),
                field(record, "name"),
                field(record, "email"),
                field(record, "phone"),
                field(record, "password_hash"),
                plainPasswords ? field(record, "password") : "",
                field(record, "external_id"));
    }

    private static String field(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    /** Why a record cannot be imported; empty when it can. Remembers each e-mail's first line. */
    Optional<ContactImport.Problem> problem(long line, Map<String, Long> firstLineOfEmail) {
        var missing = new ArrayList<String>();
        if (accountNumber().isEmpty()) {
            missing.add("account_number");
        }
        if (name().isEmpty()) {
            missing.add("name");
        }
        if (email().isEmpty()) {
            missing.add("email");
        }
        if (hash().isEmpty() && password().isEmpty()) {
            missing.add("password_hash or password");
        }
        if (!missing.isEmpty()) {
            return Optional.of(new ContactImport.Problem(
                    line, ContactImport.Skip.MISSING_FIELD, "missing " + String.join(", ", missing)));
        }
        Optional<String> invalid = invalid();
        if (invalid.isPresent()) {
            return Optional.of(new ContactImport.Problem(line, ContactImport.Skip.INVALID, invalid.get()));
        }
        Long firstLine = firstLineOfEmail.putIfAbsent(email().toLowerCase(Locale.ROOT), line);
        // external ids share the map under a prefix no e-mail can have (e-mails hold no spaces)
        Long firstLineOfId = firstLine != null || externalId().isEmpty()
                ? null
                : firstLineOfEmail.putIfAbsent("external id " + externalId(), line);
        if (firstLine != null || firstLineOfId != null) {
            return Optional.of(new ContactImport.Problem(
                    line,
                    ContactImport.Skip.DUPLICATE_IN_FILE,
                    (firstLine != null ? "e-mail " + email() : "external_id " + externalId()) + " is already on line "
                            + (firstLine != null ? firstLine : firstLineOfId)));
        }
        return Optional.empty();
    }

    /** What is wrong with a record that has every field it needs. */
    private Optional<String> invalid() {
        try {
            Contacts.validate(accountNumber(), name(), email(), phone().isEmpty() ? null : phone());
        } catch (Refused refused) {
            return Optional.of(refused.getMessage());
        }
        if (!externalId().isEmpty() && !Contacts.isExternalId(externalId())) {
            return Optional.of("external_id must be 1 to 200 letters, digits or ._~:@|+=-");
        }
        if (!hash().isEmpty() && !password().isEmpty()) {
            return Optional.of("give password_hash or password, not both");
        }
        if (!hash().isEmpty() && !Passwords.isSupportedHash(hash())) {
            return Optional.of("password_hash is neither bcrypt ($2a$, $2b$, $2y$) nor an Argon2id PHC string");
        }
        return password().isEmpty() ? Optional.empty() : Passwords.weakness(password());
    }
}
