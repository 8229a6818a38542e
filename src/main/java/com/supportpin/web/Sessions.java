package com.supportpin.web;

import com.supportpin.contact.ContactDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import spark.Request;
import spark.Response;

/**
 * Customer sessions: 128-bit random ids in an HttpOnly, SameSite=Lax cookie (Secure and __Host- on
 * https), stored in PostgreSQL, with a 30-minute idle and a 12-hour absolute limit.
 */
public final class Sessions {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);
    /** last_seen_at is written at most this often, to keep reads cheap. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** A signed-in contact's session, with the account the contact belongs to. */
    public record Session(byte[] idHash, long contactId, long accountId, String accountNumber, String csrfToken) {
        @Override
        public String toString() {
            return "Session[contactId=" + contactId + "]";
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final boolean secure;

    public Sessions(Jdbi jdbi, Clock clock, boolean secure) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.secure = secure;
    }

    public String cookieName() {
        return secure ? "__Host-sid" : "sid";
    }

    /** Starts a new session for a contact and sets its cookie; any session presented before is ended. */
    public Session start(Request request, Response response, ContactDao.Contact contact) {
        end(request, response);
        String id = SessionTokens.newToken();
        String csrf = SessionTokens.newToken();
        byte[] idHash = SessionTokens.sha256(id);
        jdbi.useExtension(SessionDao.class, sessions -> sessions.insert(idHash, contact.id(), csrf, clock.instant()));
        response.header("Set-Cookie", cookie(id, (int) ABSOLUTE_TIMEOUT.toSeconds()));
        return new Session(idHash, contact.id(), contact.accountId(), contact.accountNumber(), csrf);
    }

    /** The live session the request's cookie names, refreshing its idle timer. */
    public Optional<Session> current(Request request) {
        String id = request.cookie(cookieName());
        if (id == null || id.length() != SessionTokens.LENGTH) {
            return Optional.empty();
        }
        byte[] idHash = SessionTokens.sha256(id);
        Instant now = clock.instant();
        return jdbi.withExtension(SessionDao.Lookup.class, sessions -> {
            var stored = sessions.findLive(idHash, now.minus(IDLE_TIMEOUT), now.minus(ABSOLUTE_TIMEOUT));
            stored.filter(session -> session.lastSeenAt().isBefore(now.minus(TOUCH_INTERVAL)))
                    .ifPresent(session -> sessions.touch(idHash, now));
            return stored.map(session -> new Session(idHash, session.contactId(), session.accountId(),
                    session.accountNumber(), session.csrfToken()));
        });
    }

    /** Removes the request's session, if any, and clears the cookie. */
    public void end(Request request, Response response) {
        String id = request.cookie(cookieName());
        if (id != null) {
            jdbi.useExtension(SessionDao.class, sessions -> sessions.delete(SessionTokens.sha256(id)));
            response.header("Set-Cookie", cookie("", 0));
        }
    }

    /** Constant-time comparison of a submitted CSRF token with the session's. */
    public static boolean csrfMatches(Session session, String submitted) {
        return SessionTokens.matches(session.csrfToken(), submitted);
    }

    private String cookie(String value, int maxAgeSeconds) {
        return SessionTokens.cookie(cookieName(), value, maxAgeSeconds, "Lax", secure);
    }
}
