package com.supportpin.agent.console;

import com.supportpin.web.SessionCookie;
import com.supportpin.web.SessionTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import spark.Request;
import spark.Response;

/** Agent console sessions: their own cookie, table and lookup, so a customer's session opens nothing here (README, "The agent console"). */
public final class AgentSessions {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(10);

    /** A signed-in agent's session. */
    public record Session(byte[] idHash, long agentId, String csrfToken) {
        @Override
        public String toString() {
            return "AgentSession[agentId=" + agentId + "]";
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final SessionCookie cookie;

    public AgentSessions(Jdbi jdbi, Clock clock, boolean secure) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cookie = new SessionCookie("agent_sid", "Strict", IDLE_TIMEOUT, ABSOLUTE_TIMEOUT, secure);
    }

    public String cookieName() {
        return cookie.name();
    }

    /** Starts a session for an agent; a session presented before is ended first. */
    public Session start(Request request, Response response, long agentId) {
        end(request, response);
        SessionCookie.Issued issued = cookie.issue();
        jdbi.useExtension(
                AgentSessionDao.class,
                sessions -> sessions.insert(issued.idHash(), agentId, issued.csrfToken(), clock.instant()));
        response.raw().addHeader("Set-Cookie", issued.setCookie());
        return new Session(issued.idHash(), agentId, issued.csrfToken());
    }

    /** The live session the request's agent cookie names (never the customer cookie). */
    public Optional<Session> current(Request request) {
        return jdbi.withExtension(
                AgentSessionDao.class,
                sessions -> cookie.live(
                        request,
                        clock.instant(),
                        sessions::findLive,
                        sessions::touch,
                        (idHash, stored) -> new Session(idHash, stored.agentId(), stored.csrfToken())));
    }

    public void end(Request request, Response response) {
        cookie.toEnd(request).ifPresent(idHash -> {
            jdbi.useExtension(AgentSessionDao.class, sessions -> sessions.delete(idHash));
            response.raw().addHeader("Set-Cookie", cookie.clearing());
        });
    }

    /** Constant-time comparison of a submitted CSRF token with the session's. */
    public static boolean csrfMatches(Session session, String submitted) {
        return SessionTokens.matches(session.csrfToken(), submitted);
    }
}
