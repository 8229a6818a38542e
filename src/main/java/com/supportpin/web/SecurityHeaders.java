package com.supportpin.web;

import spark.Response;

/**
 * The security headers of every page and JSON answer, applied in one place (an after-after filter in
 * {@code RouteTable}, which runs for halts and errors too). Scripts only from our own origin, so an
 * injected inline script cannot run; no framing; no referrer; no content sniffing; and nothing cached
 * unless the route chose a policy itself (static assets).
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
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

    public SecurityHeaders(boolean https) {
        this.https = https;
    }

    public void apply(Response response) {
        var raw = response.raw();
        raw.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
