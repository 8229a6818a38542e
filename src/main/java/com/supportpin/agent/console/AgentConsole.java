package com.supportpin.agent.console;

import com.supportpin.agent.AgentDao;
import com.supportpin.agent.Agents;
import com.supportpin.web.Form;
import com.supportpin.web.LoginCsrf;
import com.supportpin.web.Pages;
import com.supportpin.web.SignInThrottle;
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
 * The agent console pages, rendered with Mustache (HTML-escaped by default) under templates/agent/.
 * The sign-in form carries the signed login token, the console's forms the agent session's CSRF token;
 * the page loads one external script, which polls the JSON API, so no inline script is ever needed
 * (the security headers, CSP included, come from the global after-filter).
 */
public final class AgentConsole {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final Agents agents;
    private final AgentSessions sessions;
    private final LoginCsrf loginCsrf;
    private final SignInThrottle throttle;
    private final AgentDesk desk;
    private final Clock clock;

    public AgentConsole(Pages pages, Agents agents, AgentSessions sessions, LoginCsrf loginCsrf,
            SignInThrottle throttle, AgentDesk desk, Clock clock) {
        this.pages = pages;
        this.agents = agents;
        this.sessions = sessions;
        this.loginCsrf = loginCsrf;
        this.throttle = throttle;
        this.desk = desk;
        this.clock = clock;
    }

    /** {@code GET /agent}: the console, or (401) the sign-in form. */
    public Object show(Request request, Response response) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        Optional<AgentDao.Agent> agent = session.flatMap(signedIn -> agents.find(signedIn.agentId()));
        if (session.isEmpty() || agent.isEmpty()) {
            return signInForm(response, 401, null, "", loginCsrf.tokenFor(request, response));
        }
        var model = new HashMap<String, Object>();
        model.put("agentName", agent.get().name());
        model.put("csrf", session.get().csrfToken());
        model.put("current", desk.current(agent.get().id()));
        List<Map<String, Object>> waiting = desk.waiting();
        model.put("waiting", waiting);
        model.put("hasWaiting", !waiting.isEmpty());
        List<Map<String, Object>> callbacks = desk.callbacks();
        model.put("callbacks", callbacks);
        model.put("hasCallbacks", !callbacks.isEmpty());
        model.put("updatedAt", TIME.format(clock.instant()) + " UTC");
        Optional.ofNullable(request.queryParams("verify")).flatMap(AgentConsole::outcome).ifPresent(outcome -> {
            model.put("message", AgentApi.MESSAGES.get(outcome));
            model.put("messageKind", outcome == AgentDesk.VerifyOutcome.VERIFIED ? "ok" : "error");
        });
        links(model);
        return pages.render(response, 200, "agent/console", model);
    }

    /** {@code POST /agent/sign-in}: the form's login token must be the signature of the browser's nonce. */
    public Object signIn(Request request, Response response) {
        Optional<Form> form = Form.of(request);
        String email = form.map(fields -> fields.field("email")).orElse("");
        if (form.isEmpty() || !loginCsrf.matches(request, form.get().field(LoginCsrf.FIELD))) {
            return signInForm(response, 403, "Your sign-in form expired. Please try again.", email,
                    loginCsrf.renewedToken(response));
        }
        var attempt = AgentApi.throttledSignIn(throttle, agents, email, form.get().field("password"), request.ip());
        if (attempt instanceof SignInThrottle.Throttled<AgentDao.Agent> throttled) {
            response.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            return signInForm(response, 429, "Too many failed sign-ins. Please wait "
                    + Math.max(1, (throttled.retryAfterSeconds() + 59) / 60) + " minutes and try again.", email,
                    loginCsrf.tokenFor(request, response));
        }
        Optional<AgentDao.Agent> agent = ((SignInThrottle.Done<AgentDao.Agent>) attempt).result();
        if (agent.isEmpty()) {
            return signInForm(response, 401, "Wrong e-mail or password.", email, loginCsrf.tokenFor(request, response));
        }
        loginCsrf.clear(response);
        sessions.start(request, response, agent.get().id());
        return seeOther(response, ConsolePaths.AGENT_CONSOLE);
    }

    /** {@code POST /agent/sign-out}. */
    public Object signOut(Request request, Response response) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return signInForm(response, 401, null, "", loginCsrf.tokenFor(request, response));
        }
        if (!csrfMatches(request, session.get())) {
            return forbidden(response);
        }
        sessions.end(request, response);
        return seeOther(response, ConsolePaths.AGENT_CONSOLE);
    }

    /** {@code POST /agent/verify}: checks the PIN the connected caller read out, then shows the outcome. */
    public Object verify(Request request, Response response) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return signInForm(response, 401, null, "", loginCsrf.tokenFor(request, response));
        }
        if (!csrfMatches(request, session.get())) {
            return forbidden(response);
        }
        Form form = Form.of(request).orElseThrow();
        AgentDesk.VerifyOutcome outcome = desk.verify(session.get().agentId(), form.field("accountNumber"),
                form.field("pin"));
        // Only the outcome's name travels in the URL: never the account number or the PIN.
        return seeOther(response, ConsolePaths.AGENT_CONSOLE + "?verify=" + outcome.name().toLowerCase());
    }

    private static boolean csrfMatches(Request request, AgentSessions.Session session) {
        return Form.of(request)
                .map(form -> AgentSessions.tokensMatch(session.csrfToken(), form.field("csrf")))
                .orElse(false);
    }

    private Object signInForm(Response response, int status, String error, String email, String loginToken) {
        var model = new HashMap<String, Object>();
        model.put("csrf", loginToken);
        model.put("error", error);
        model.put("email", email);
        links(model);
        return pages.render(response, status, "agent/sign-in", model);
    }

    private static Object forbidden(Response response) {
        response.status(403);
        response.type("text/plain; charset=utf-8");
        return "forbidden: the form's security token is missing or wrong; reload the console";
    }

    private static void links(Map<String, Object> model) {
        model.put("cssUrl", ConsolePaths.AGENT_CONSOLE_STYLESHEET);
        model.put("jsUrl", ConsolePaths.AGENT_CONSOLE_SCRIPT);
        model.put("signInUrl", ConsolePaths.AGENT_SIGN_IN);
        model.put("signOutUrl", ConsolePaths.AGENT_SIGN_OUT);
        model.put("verifyUrl", ConsolePaths.AGENT_VERIFY);
        model.put("queueUrl", ConsolePaths.API_AGENT_QUEUE);
        model.put("currentUrl", ConsolePaths.API_AGENT_CURRENT_CALL);
    }

    private static Object seeOther(Response response, String location) {
        response.status(303);
        response.raw().setHeader("Cache-Control", "no-store");
        response.header("Location", location);
        return "";
    }

    private static Optional<AgentDesk.VerifyOutcome> outcome(String name) {
        return Arrays.stream(AgentDesk.VerifyOutcome.values())
                .filter(value -> value.name().equalsIgnoreCase(name))
                .findFirst();
    }
}
