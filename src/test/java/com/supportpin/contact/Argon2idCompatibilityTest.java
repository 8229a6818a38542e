package com.supportpin.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.Test;

/**
 * Hashes stay valid across the switch from password4j's Argon2id to Bouncy Castle's: each verifies what the
 * other hashed, with the same parameters and the same PHC string, for ASCII and non-ASCII passwords alike.
 */
class Argon2idCompatibilityTest {

    /** password4j as this project configured it before the switch. */
    private static final Argon2Function PASSWORD4J = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    private static final String[] PASSWORDS = {"correct horse 4", "pässwörd ünïcødé 密码 🔑"};

    private final Passwords passwords = new Passwords();

    @Test
    void whatBouncyCastleHashesPassword4jVerifies() {
        for (String password : PASSWORDS) {
            String hash = passwords.hash(password);

            assertThat(hash)
                    .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    .matches(".*\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
            assertThat(Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)))
                    .isTrue();
            assertThat(Password.check(password + "x", hash).with(Argon2Function.getInstanceFromHash(hash)))
                    .isFalse();
        }
    }

    @Test
    void whatPassword4jHashedBouncyCastleVerifies() {
        for (String password : PASSWORDS) {
            String stored =
                    Password.hash(password).addRandomSalt(16).with(PASSWORD4J).getResult();

            assertThat(passwords.verify(password, stored)).isTrue();
            assertThat(passwords.verify(password + "x", stored)).isFalse();
            assertThat(passwords.needsRehash(stored))
                    .as("same parameters, so no re-hash")
                    .isFalse();
        }
    }

    @Test
    void otherParametersInAStoredHashAreHonouredAndAbsurdOnesRefused() {
        String lighter = Password.hash("correct horse 4")
                .addRandomSalt(16)
                .with(Argon2Function.getInstance(8_192, 3, 1, 32, Argon2.ID))
                .getResult();
        assertThat(passwords.verify("correct horse 4", lighter)).isTrue();
        assertThat(passwords.needsRehash(lighter)).isTrue();
        String absurd = lighter.replace("m=8192", "m=4194304");
        assertThat(passwords.verify("correct horse 4", absurd)).isFalse();
        assertThat(Passwords.isSupportedHash(absurd)).isFalse();
    }
}
