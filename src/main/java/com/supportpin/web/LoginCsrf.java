package com.supportpin.web;

import java.util.Optional;
import spark.Request;
import spark.Response;

/**
 * CSRF protection for the sign-in form, which is posted before any session exists: a signed
 * double-submit token. The browser holds a random nonce in an HttpOnly, SameSite=Strict cookie
 * ({@code __Host-login} on https); the form carries HMAC(key derived from APP_SECRET, nonce). A POST
 * is accepted only when the field is the signature of the cookie's nonce, compared in constant time.
 *
 * <p>Nothing is stored on the server, so any instance can check a form another one served. Another
 * site can neither read the field nor forge it without the key, and the Strict cookie is not even
 * sent with its cross-site POSTs; the {@code __Host-} prefix keeps sibling subdomains from planting one.
 */
public final class LoginCsrf {

    public static final String FIELD = "csrf";

    private final HmacKey key;
    private final boolean secure;

    public LoginCsrf(String appSecret, boolean secure) {
        this.key = new HmacKey(appSecret, "sign-in-form-csrf");
        this.secure = secure;
    }

    public String cookieName() {
        return secure ? "__Host-login" : "login";
    }

    /** The token for a sign-in form; sets the nonce cookie unless the browser already holds a valid one. */
    public String tokenFor(Request request, Response response) {
        String nonce = presentedNonce(request).orElseGet(() -> {
            String fresh = SessionTokens.newToken();
            response.header("Set-Cookie", cookie(fresh, -1));
            return fresh;
        });
        return key.signToText(nonce);
    }

    /** A fresh nonce and token, replacing whatever the browser held (after a failed check). */
    public String renewedToken(Response response) {
        String fresh = SessionTokens.newToken();
        response.header("Set-Cookie", cookie(fresh, -1));
        return key.signToText(fresh);
    }

    /** True when {@code submitted} is the signature of the nonce in the request's cookie. */
    public boolean matches(Request request, String submitted) {
        return presentedNonce(request).map(nonce -> key.verifiesText(nonce, submitted)).orElse(false);
    }

    /** Drops the nonce once signed in; the session's own CSRF token takes over. */
    public void clear(Response response) {
        response.header("Set-Cookie", cookie("", 0));
    }

    private Optional<String> presentedNonce(Request request) {
        String nonce = request.cookie(cookieName());
        return nonce != null && nonce.matches("^[A-Za-z0-9_-]{22}$") ? Optional.of(nonce) : Optional.empty();
    }

    private String cookie(String value, int maxAgeSeconds) {
        return SessionTokens.cookie(cookieName(), value, maxAgeSeconds, "Strict", secure);
    }
}
