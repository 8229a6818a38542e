package com.supportpin.pin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keyed hashes (HMAC-SHA256) of PINs and keyed digits: a copy of the database without APP_SECRET yields no PIN. */
public final class PinHasher {

    private final SecretKeySpec pinKey;
    private final SecretKeySpec fingerprintKey;

    public PinHasher(String appSecret) {
        byte[] master = appSecret.getBytes(StandardCharsets.UTF_8);
        this.pinKey = new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"), "support-pin"), "HmacSHA256");
        this.fingerprintKey =
                new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"), "input-fingerprint"), "HmacSHA256");
    }

    /** The stored form of a PIN: bound to the account number, so equal PINs of two accounts differ. */
    public byte[] pinHash(String accountNumber, String pin) {
        return hmac(pinKey, accountNumber + ":" + pin);
    }

    /** A keyed fingerprint of caller input, to recognise a retried webhook without storing digits. */
    public byte[] fingerprint(String purpose, String value) {
        return hmac(fingerprintKey, purpose + ":" + value);
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = MACS.get();
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** One Mac per thread: looking up the provider costs more than the hash; init() resets it for each use. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });
}
