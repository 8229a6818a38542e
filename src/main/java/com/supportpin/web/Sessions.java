package com.supportpin.web;

import com.supportpin.contact.ContactDao;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import spark.Request;
import spark.Response;

/** Customer sessions in PostgreSQL: SameSite=Lax cookie, 30-minute idle and 12-hour absolute limits. */
public final class Sessions {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);

    /** A signed-in contact's session, with the account the contact belongs to. */
    public record Session(byte[] idHash, long contactId, long accountId, String accountNumber, String csrfToken) {
        @Override
        public String toString() {
            return "Session[contactId=" + contactId + "]";
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final SessionCookie cookie;

    public Sessions(Jdbi jdbi, Clock clock, boolean secure) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cookie = new SessionCookie("sid", "Lax", IDLE_TIMEOUT, ABSOLUTE_TIMEOUT, secure);
    }

    public String cookieName() {
        return cookie.name();
    }

    /** Starts a new session for a contact and sets its cookie; any session presented before is ended. */
    public Session start(Request request, Response response, ContactDao.Contact contact) {
        return start(request, response, contact, false);
    }

    /** {@link #start}, for a contact the account center's sign-in vouched for (logout then ends that one too). */
    public Session startFromProvider(Request request, Response response, ContactDao.Contact contact) {
        return start(request, response, contact, true);
    }

    private Session start(Request request, Response response, ContactDao.Contact contact, boolean byProvider) {
        end(request, response);
        SessionCookie.Issued issued = cookie.issue();
        jdbi.useExtension(
                SessionDao.class,
                sessions -> sessions.insert(
                        issued.idHash(), contact.id(), issued.csrfToken(), clock.instant(), byProvider));
        response.header("Set-Cookie", issued.setCookie());
        return new Session(
                issued.idHash(), contact.id(), contact.accountId(), contact.accountNumber(), issued.csrfToken());
    }

    /** The live session the request's cookie names, refreshing its idle timer. */
    public Optional<Session> current(Request request) {
        return jdbi.withExtension(
                SessionDao.Lookup.class,
                sessions -> cookie.live(
                        request,
                        clock.instant(),
                        sessions::findLive,
                        sessions::touch,
                        (idHash, stored) -> new Session(
                                idHash,
                                stored.contactId(),
                                stored.accountId(),
                                stored.accountNumber(),
                                stored.csrfToken())));
    }

    /** Ends the request's session and clears the cookie; true when the account center's sign-in started it. */
    public boolean end(Request request, Response response) {
        Optional<byte[]> idHash = cookie.toEnd(request);
        if (idHash.isEmpty()) {
            return false;
        }
        Optional<Boolean> byProvider =
                jdbi.withExtension(SessionDao.class, sessions -> sessions.deleteReturningOrigin(idHash.get()));
        response.header("Set-Cookie", cookie.clearing());
        return byProvider.orElse(false);
    }

    /** Constant-time comparison of a submitted CSRF token with the session's. */
    public static boolean csrfMatches(Session session, String submitted) {
        return SessionTokens.matches(session.csrfToken(), submitted);
    }
}
