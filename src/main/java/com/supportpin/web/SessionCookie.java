package com.supportpin.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import spark.Request;

/** What customer and agent sessions share, as data: the cookie, its id's stored SHA-256, idle and absolute limits. */
public final class SessionCookie {

    /** last_seen_at is written at most this often, to keep reads cheap. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** What a session table answers for a live session. */
    public interface Stored {
        Instant lastSeenAt();
    }

    /** A session table's lookup of a live session by its id's hash. */
    @FunctionalInterface
    public interface Finder<S extends Stored> {
        Optional<S> findLive(byte[] idHash, Instant idleCutoff, Instant absoluteCutoff);
    }

    /** A new session: what the store keeps (the id's hash, the CSRF token) and the cookie that carries the id. */
    public record Issued(byte[] idHash, String csrfToken, String setCookie) {}

    private final String name;
    private final String sameSite;
    private final Duration idle;
    private final Duration absolute;
    private final boolean secure;

    public SessionCookie(String baseName, String sameSite, Duration idle, Duration absolute, boolean secure) {
        this.name = secure ? "__Host-" + baseName : baseName;
        this.sameSite = sameSite;
        this.idle = idle;
        this.absolute = absolute;
        this.secure = secure;
    }

    public String name() {
        return name;
    }

    /** A fresh session id and CSRF token, with the cookie that lasts as long as the session may. */
    public Issued issue() {
        String id = SessionTokens.newToken();
        return new Issued(SessionTokens.sha256(id), SessionTokens.newToken(), cookie(id, (int) absolute.toSeconds()));
    }

    /** The stored hash of the id the request's cookie carries, when it has one of the right shape. */
    private Optional<byte[]> presented(Request request) {
        String id = request.cookie(name);
        return id == null || id.length() != SessionTokens.LENGTH
                ? Optional.empty()
                : Optional.of(SessionTokens.sha256(id));
    }

    /** The hash of whatever id the request's cookie carries, to end that session. */
    public Optional<byte[]> toEnd(Request request) {
        return Optional.ofNullable(request.cookie(name)).map(SessionTokens::sha256);
    }

    /** The live session the cookie names, made from its id's hash and stored row; its idle timer written when due. */
    public <S extends Stored, R> Optional<R> live(
            Request request,
            Instant now,
            Finder<S> finder,
            BiConsumer<byte[], Instant> touch,
            BiFunction<byte[], S, R> session) {
        return presented(request).flatMap(idHash -> {
            Optional<S> stored = finder.findLive(idHash, now.minus(idle), now.minus(absolute));
            stored.filter(found -> found.lastSeenAt().isBefore(now.minus(TOUCH_INTERVAL)))
                    .ifPresent(found -> touch.accept(idHash, now));
            return stored.map(found -> session.apply(idHash, found));
        });
    }

    /** The cookie that removes the session id from the browser. */
    public String clearing() {
        return cookie("", 0);
    }

    private String cookie(String value, int maxAgeSeconds) {
        return SessionTokens.cookie(name, value, maxAgeSeconds, sameSite, secure);
    }
}
