package com.supportpin.web;

import java.util.Optional;
import spark.Request;
import spark.Response;

/** CSRF for the sign-in form: a signed double-submit token, nothing stored (README, "Security notes"). */
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
        return presentedNonce(request)
                .map(nonce -> key.verifiesText(nonce, submitted))
                .orElse(false);
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
