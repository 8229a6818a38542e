package com.supportpin.web;

import java.util.List;
import spark.Response;

/** The security headers of every answer, applied once in {@code RouteTable} (README, "Security notes"). */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private final boolean https;
    private final String contentSecurityPolicy;

    public SecurityHeaders(boolean https) {
        this(https, List.of());
    }

    /** With the origins forms may lead to: the account center's logout (form-action covers redirects after a POST). */
    public SecurityHeaders(boolean https, List<String> formActionOrigins) {
        this.https = https;
        this.contentSecurityPolicy = formActionOrigins.isEmpty()
                ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace(
                        "form-action 'self'", "form-action 'self' " + String.join(" ", formActionOrigins));
    }

    public void apply(Response response) {
        var raw = response.raw();
        raw.setHeader("Content-Security-Policy", contentSecurityPolicy);
        raw.setHeader("X-Frame-Options", "DENY");
        raw.setHeader("Referrer-Policy", "no-referrer");
        raw.setHeader("X-Content-Type-Options", "nosniff");
        raw.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        raw.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (https) {
            raw.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (!raw.containsHeader("Cache-Control")) {
            raw.setHeader("Cache-Control", "no-store");
        }
    }
}
