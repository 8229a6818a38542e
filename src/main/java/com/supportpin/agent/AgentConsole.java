package com.supportpin.agent;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.supportpin.Routes;
import com.supportpin.voice.TwilioRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spark.Request;
import spark.Response;

/**
 * The agent console pages, rendered with Mustache (HTML-escaped by default). Forms carry the session's
 * CSRF token (the sign-in form a login token bound to a cookie); the page loads one external script,
 * which polls the JSON API, so the Content-Security-Policy allows no inline script at all.
 */
public final class AgentConsole {

    /**
     * Headers of every console page. The customer pages get theirs from the web package's global
     * filter; until the two are unified these are set here, for the console's responses only.
     */
    static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Agents agents;
    private final AgentSessions sessions;
    private final AgentDesk desk;
    private final Clock clock;
    private final Mustache signInPage;
    private final Mustache consolePage;
    private final byte[] script;
    private final byte[] stylesheet;

    public AgentConsole(Agents agents, AgentSessions sessions, AgentDesk desk, Clock clock) {
        this.agents = agents;
        this.sessions = sessions;
        this.desk = desk;
        this.clock = clock;
        var templates = new DefaultMustacheFactory("templates");
        this.signInPage = templates.compile("agent/sign-in.mustache");
        this.consolePage = templates.compile("agent/console.mustache");
        this.script = resource("static/agent/console.js");
        this.stylesheet = resource("static/agent/console.css");
    }

    /** {@code GET /agent}: the console, or (401) the sign-in form. */
    public Object show(Request request, Response response) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return signInForm(response, 401, null, "");
        }
        Optional<AgentDao.Agent> agent = agents.find(session.get().agentId());
        if (agent.isEmpty()) {
            return signInForm(response, 401, null, "");
        }
        var model = new HashMap<String, Object>();
        model.put("agentName", agent.get().name());
        model.put("csrf", session.get().csrfToken());
        model.put("current", desk.current(agent.get().id()));
        List<Map<String, Object>> waiting = desk.waiting();
        model.put("waiting", waiting);
        model.put("hasWaiting", !waiting.isEmpty());
        model.put("callbacks", desk.callbacks());
        model.put("updatedAt", TIME.format(clock.instant()) + " UTC");
        Optional.ofNullable(request.queryParams("verify")).flatMap(AgentConsole::outcome).ifPresent(outcome -> {
            model.put("message", AgentApi.MESSAGES.get(outcome));
            model.put("messageKind", outcome == AgentDesk.VerifyOutcome.VERIFIED ? "ok" : "error");
        });
        links(model);
        return render(response, 200, consolePage, model);
    }

    /** {@code POST /agent/sign-in}: the form's login token must match the browser's login cookie. */
    public Object signIn(Request request, Response response) {
        Map<String, String> form = TwilioRequest.parseForm(request.body());
        String email = form.getOrDefault("email", "");
        if (!sessions.loginTokenMatches(request, form.get("loginToken"))) {
            return signInForm(response, 403, "Your sign-in form expired. Please try again.", email);
        }
        Optional<AgentDao.Agent> agent = agents.signIn(email, form.get("password"));
        if (agent.isEmpty()) {
            return signInForm(response, 401, "Wrong e-mail or password.", email);
        }
        sessions.start(request, response, agent.get().id());
        return seeOther(response, Routes.AGENT_CONSOLE);
    }

    /** {@code POST /agent/sign-out}. */
    public Object signOut(Request request, Response response) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return signInForm(response, 401, null, "");
        }
        Map<String, String> form = TwilioRequest.parseForm(request.body());
        if (!AgentSessions.tokensMatch(session.get().csrfToken(), form.get("csrf"))) {
            return forbidden(response);
        }
        sessions.end(request, response);
        return seeOther(response, Routes.AGENT_CONSOLE);
    }

    /** {@code POST /agent/verify}: checks the PIN the connected caller read out, then shows the outcome. */
    public Object verify(Request request, Response response) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return signInForm(response, 401, null, "");
        }
        Map<String, String> form = TwilioRequest.parseForm(request.body());
        if (!AgentSessions.tokensMatch(session.get().csrfToken(), form.get("csrf"))) {
            return forbidden(response);
        }
        AgentDesk.VerifyOutcome outcome = desk.verify(session.get().agentId(), form.get("accountNumber"),
                form.get("pin"));
        return seeOther(response, Routes.AGENT_CONSOLE + "?verify=" + outcome.name().toLowerCase());
    }

    public Object script(Request request, Response response) {
        response.type("text/javascript; charset=utf-8");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Cache-Control", "no-cache");
        return script;
    }

    public Object stylesheet(Request request, Response response) {
        response.type("text/css; charset=utf-8");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Cache-Control", "no-cache");
        return stylesheet;
    }

    private Object signInForm(Response response, int status, String error, String email) {
        var model = new HashMap<String, Object>();
        model.put("loginToken", sessions.issueLoginToken(response));
        model.put("error", error);
        model.put("email", email);
        links(model);
        return render(response, status, signInPage, model);
    }

    private Object forbidden(Response response) {
        secure(response);
        response.status(403);
        response.type("text/plain; charset=utf-8");
        return "forbidden: the form's security token is missing or wrong; reload the console";
    }

    private static void links(Map<String, Object> model) {
        model.put("cssUrl", Routes.AGENT_CONSOLE_CSS);
        model.put("jsUrl", Routes.AGENT_CONSOLE_JS);
        model.put("signInUrl", Routes.AGENT_SIGN_IN);
        model.put("signOutUrl", Routes.AGENT_SIGN_OUT);
        model.put("verifyUrl", Routes.AGENT_VERIFY);
        model.put("queueUrl", Routes.API_AGENT_QUEUE);
        model.put("currentUrl", Routes.API_AGENT_CURRENT_CALL);
    }

    private static Object render(Response response, int status, Mustache template, Map<String, Object> model) {
        secure(response);
        response.status(status);
        response.type("text/html; charset=utf-8");
        var out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }

    private static Object seeOther(Response response, String location) {
        secure(response);
        response.status(303);
        response.header("Location", location);
        return "";
    }

    private static void secure(Response response) {
        PAGE_HEADERS.forEach(response::header);
    }

    private static Optional<AgentDesk.VerifyOutcome> outcome(String name) {
        return Arrays.stream(AgentDesk.VerifyOutcome.values())
                .filter(value -> value.name().equalsIgnoreCase(name))
                .findFirst();
    }

    private static byte[] resource(String path) {
        try (InputStream in = AgentConsole.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
