package com.supportpin.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Cookie-borne secrets: 128-bit random tokens, their SHA-256, constant-time comparison, cookie attributes. */
public final class SessionTokens {

    /** Characters of a token: 16 random bytes in unpadded base64url. */
    public static final int LENGTH = 22;

    private static final SecureRandom random = new SecureRandom();

    private SessionTokens() {}

    public static String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a session id: a copy of the table signs nobody in. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Constant-time comparison; false when either side is missing or empty. */
    public static boolean matches(String expected, String submitted) {
        return expected != null
                && submitted != null
                && !expected.isEmpty()
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    /** A Set-Cookie value: HttpOnly, Path=/, Secure on https; no Max-Age (a browser-session cookie) when negative. */
    public static String cookie(String name, String value, int maxAgeSeconds, String sameSite, boolean secure) {
        return name + "=" + value + "; Path=/" + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
                + "; HttpOnly; SameSite=" + sameSite + (secure ? "; Secure" : "");
    }
}
