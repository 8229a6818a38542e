package com.supportpin.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An HMAC-SHA256 key derived from APP_SECRET for one purpose, so no value is valid for another. */
public final class HmacKey {

    private final SecretKeySpec key;

    public HmacKey(String appSecret, String purpose) {
        byte[] master = appSecret.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(master, "HmacSHA256"), purpose), "HmacSHA256");
    }

    public byte[] sign(String message) {
        return hmac(key, message);
    }

    /** The signature as unpadded base64url, safe in cookies and form fields. */
    public String signToText(String message) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sign(message));
    }

    /** Constant-time check of a {@link #signToText} signature. */
    public boolean verifiesText(String message, String signature) {
        return signature != null
                && MessageDigest.isEqual(
                        signToText(message).getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
