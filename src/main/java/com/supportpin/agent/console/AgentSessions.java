package com.supportpin.agent.console;

import com.supportpin.web.SessionTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import spark.Request;
import spark.Response;

/**
 * Agent console sessions, apart from customer sessions in every way: their own cookie name, their
 * own table, and their own lookup. A customer's session id opens nothing here and an agent's opens
 * nothing of the customer's. 128-bit random ids; HttpOnly, SameSite=Strict, Secure and __Host- on
 * https; 30-minute idle and 10-hour absolute limits (a shift).
 */
public final class AgentSessions {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(10);
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** A signed-in agent's session. */
    public record Session(byte[] idHash, long agentId, String csrfToken) {
        @Override
        public String toString() {
            return "AgentSession[agentId=" + agentId + "]";
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final boolean secure;

    public AgentSessions(Jdbi jdbi, Clock clock, boolean secure) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.secure = secure;
    }

    public String cookieName() {
        return secure ? "__Host-agent_sid" : "agent_sid";
    }

    /** Starts a session for an agent; a session presented before is ended first. */
    public Session start(Request request, Response response, long agentId) {
        end(request, response);
        String id = SessionTokens.newToken();
        String csrf = SessionTokens.newToken();
        byte[] idHash = SessionTokens.sha256(id);
        jdbi.useExtension(AgentSessionDao.class, sessions -> sessions.insert(idHash, agentId, csrf, clock.instant()));
        response.raw().addHeader("Set-Cookie", cookie(cookieName(), id, (int) ABSOLUTE_TIMEOUT.toSeconds()));
        return new Session(idHash, agentId, csrf);
    }

    /** The live session the request's agent cookie names (never the customer cookie). */
    public Optional<Session> current(Request request) {
        String id = request.cookie(cookieName());
        if (id == null || id.length() != SessionTokens.LENGTH) {
            return Optional.empty();
        }
        byte[] idHash = SessionTokens.sha256(id);
        Instant now = clock.instant();
        return jdbi.withExtension(AgentSessionDao.class, sessions -> {
            var stored = sessions.findLive(idHash, now.minus(IDLE_TIMEOUT), now.minus(ABSOLUTE_TIMEOUT));
            stored.filter(session -> session.lastSeenAt().isBefore(now.minus(TOUCH_INTERVAL)))
                    .ifPresent(session -> sessions.touch(idHash, now));
            return stored.map(session -> new Session(idHash, session.agentId(), session.csrfToken()));
        });
    }

    public void end(Request request, Response response) {
        String id = request.cookie(cookieName());
        if (id != null) {
            jdbi.useExtension(AgentSessionDao.class, sessions -> sessions.delete(SessionTokens.sha256(id)));
            response.raw().addHeader("Set-Cookie", cookie(cookieName(), "", 0));
        }
    }

    /** Constant-time comparison of a submitted token with the expected one; false when either is missing. */
    public static boolean tokensMatch(String expected, String submitted) {
        return SessionTokens.matches(expected, submitted);
    }

    private String cookie(String name, String value, int maxAgeSeconds) {
        return SessionTokens.cookie(name, value, maxAgeSeconds, "Strict", secure);
    }
}
