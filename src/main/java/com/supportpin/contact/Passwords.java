package com.supportpin.contact;

import com.password4j.BcryptFunction;
import com.password4j.Password;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Password hashing with Argon2id (OWASP parameters); also verifies imported bcrypt hashes. */
public final class Passwords {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    private static final Set<String> COMMON = Set.of(
            "password",
            "password1",
            "password123",
            "12345678",
            "123456789",
            "1234567890",
            "qwertyuiop",
            "qwerty123",
            "iloveyou",
            "letmein1",
            "11111111",
            "00000000",
            "abcdefgh",
            "abc12345",
            "passw0rd",
            "welcome1",
            "support1",
            "changeme");

    /** A hash of a fixed password, verified against when an e-mail is unknown, so both take as long. */
    private static final class Decoy {
        static final String HASH = Argon2id.hash("decoy password that nobody has");
    }

    public String hash(String password) {
        return Argon2id.hash(password);
    }

    /** Checks a password against an Argon2id or bcrypt hash; false for anything unreadable. */
    public boolean verify(String password, String storedHash) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        try {
            if (storedHash != null && storedHash.startsWith("$argon2id$")) {
                return Argon2id.verify(password, storedHash);
            }
            return bcryptOf(storedHash)
                    .map(function -> Password.check(password, storedHash).with(function))
                    .orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Spends the same work as {@link #verify} for a contact that does not exist. */
    public void verifyDecoy(String password) {
        verify(password == null ? "" : password, Decoy.HASH);
    }

    /** True when the hash is not Argon2id with the current parameters (a bcrypt import, say). */
    public boolean needsRehash(String storedHash) {
        return !storedHash.startsWith(Argon2id.PREFIX);
    }

    /** True for hashes this class can verify: bcrypt ($2a$, $2b$, $2y$) or Argon2id PHC strings. */
    public static boolean isSupportedHash(String storedHash) {
        return Argon2id.isReadable(storedHash) || bcryptOf(storedHash).isPresent();
    }

    /** Why a password is refused, or empty when it is acceptable. */
    public static Optional<String> weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("password must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("password must be at most " + MAX_LENGTH + " characters");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("password is too common");
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of("password needs at least 4 different characters");
        }
        return Optional.empty();
    }

    private static Optional<BcryptFunction> bcryptOf(String storedHash) {
        if (storedHash == null || !BCRYPT.matcher(storedHash).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(BcryptFunction.getInstanceFromHash(storedHash));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
