package com.supportpin.agent.console;

import com.supportpin.agent.AgentDao;
import com.supportpin.agent.Agents;
import com.supportpin.callback.CallbackBoard;
import com.supportpin.callback.CallbackState;
import com.supportpin.callback.Callbacks;
import com.supportpin.web.Form;
import com.supportpin.web.LoginCsrf;
import com.supportpin.web.Pages;
import com.supportpin.web.SignInThrottle;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import spark.Request;
import spark.Response;

/** The agent console's pages (Mustache, HTML-escaped); no inline script, so the CSP forbids all of them. */
public final class AgentConsole {

    /** The paths the console's pages link to, so templates hold no literal URLs. */
    record Links(
            String cssUrl,
            String jsUrl,
            String signInUrl,
            String signOutUrl,
            String verifyUrl,
            String queueUrl,
            String currentUrl,
            String callbacksUrl,
            String callbackActionsUrl,
            String agentUrl) {

        static final Links CONSOLE = new Links(
                ConsolePaths.AGENT_CONSOLE_STYLESHEET,
                ConsolePaths.AGENT_CONSOLE_SCRIPT,
                ConsolePaths.AGENT_SIGN_IN,
                ConsolePaths.AGENT_SIGN_OUT,
                ConsolePaths.AGENT_VERIFY,
                ConsolePaths.API_AGENT_QUEUE,
                ConsolePaths.API_AGENT_CURRENT_CALL,
                ConsolePaths.API_AGENT_CALLBACKS,
                ConsolePaths.AGENT_CALLBACKS,
                ConsolePaths.AGENT_CONSOLE);
    }

    /** The model of templates/agent/console.mustache. */
    record ConsolePage(
            Links links,
            String agentName,
            String csrf,
            AgentDesk.Current current,
            List<AgentDesk.Waiting> waiting,
            boolean hasWaiting,
            long waitingTotal,
            boolean waitingCut,
            CallbackBoard.Page callbacks,
            boolean hasCallbacks,
            String updatedAt,
            String message,
            String messageKind,
            String callbackMessage,
            String callbackMessageKind) {}

    /** The model of templates/agent/sign-in.mustache. */
    record SignInForm(Links links, String csrf, String email, String error) {}

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final Agents agents;
    private final AgentSessions sessions;
    private final LoginCsrf loginCsrf;
    private final SignInThrottle throttle;
    private final AgentDesk desk;
    private final Clock clock;

    public AgentConsole(
            Pages pages,
            Agents agents,
            AgentSessions sessions,
            LoginCsrf loginCsrf,
            SignInThrottle throttle,
            AgentDesk desk,
            Clock clock) {
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
        Optional<AgentDesk.VerifyOutcome> outcome =
                Optional.ofNullable(request.queryParams("verify")).flatMap(AgentConsole::outcome);
        Optional<Callbacks.CloseOutcome> closed =
                Optional.ofNullable(request.queryParams("callback")).flatMap(AgentConsole::closeOutcome);
        List<AgentDesk.Waiting> waiting = desk.waiting();
        long waitingTotal = desk.waitingTotal();
        CallbackBoard.Page callbacks = desk.callbacks(
                AgentApi.pageNumber(request.queryParams("callbackPage")).orElse(1));
        return pages.render(
                response,
                200,
                "agent/console",
                new ConsolePage(
                        Links.CONSOLE,
                        agent.get().name(),
                        session.get().csrfToken(),
                        desk.current(agent.get().id()),
                        waiting,
                        !waiting.isEmpty(),
                        waitingTotal,
                        waitingTotal > waiting.size(),
                        callbacks,
                        !callbacks.callbacks().isEmpty(),
                        TIME.format(clock.instant()) + " UTC",
                        outcome.map(AgentApi.MESSAGES::get).orElse(null),
                        outcome.map(value -> value == AgentDesk.VerifyOutcome.VERIFIED ? "ok" : "error")
                                .orElse(null),
                        closed.map(CLOSE_MESSAGES::get).orElse(null),
                        closed.map(value -> value == Callbacks.CloseOutcome.CLOSED ? "ok" : "error")
                                .orElse(null)));
    }

    /** {@code POST /agent/sign-in}: the form's login token must be the signature of the browser's nonce. */
    public Object signIn(Request request, Response response) {
        Optional<Form> form = Form.of(request);
        String email = form.map(fields -> fields.field("email")).orElse("");
        if (form.isEmpty() || !loginCsrf.matches(request, form.get().field(LoginCsrf.FIELD))) {
            return signInForm(
                    response,
                    403,
                    "Your sign-in form expired. Please try again.",
                    email,
                    loginCsrf.renewedToken(response));
        }
        var attempt =
                AgentApi.throttledSignIn(throttle, agents, email, form.get().field("password"), request.ip());
        if (attempt instanceof SignInThrottle.Busy<AgentDao.Agent> busy) {
            response.header("Retry-After", String.valueOf(busy.retryAfterSeconds()));
            return signInForm(
                    response,
                    503,
                    "Sign-in is very busy right now. Please try again in a moment.",
                    email,
                    loginCsrf.tokenFor(request, response));
        }
        if (attempt instanceof SignInThrottle.Throttled<AgentDao.Agent> throttled) {
            response.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            return signInForm(
                    response,
                    429,
                    "Too many failed sign-ins. Please wait " + Math.max(1, (throttled.retryAfterSeconds() + 59) / 60)
                            + " minutes and try again.",
                    email,
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
        return asAgent(request, response, session -> {
            sessions.end(request, response);
            return seeOther(response, ConsolePaths.AGENT_CONSOLE);
        });
    }

    /** {@code POST /agent/verify}: checks the PIN the connected caller read out, then shows the outcome. */
    public Object verify(Request request, Response response) {
        return asAgent(request, response, session -> {
            Form form = Form.of(request).orElseThrow();
            AgentDesk.VerifyOutcome outcome =
                    desk.verify(session.agentId(), form.field("accountNumber"), form.field("pin"));
            // Only the outcome's name travels in the URL: never the account number or the PIN.
            return seeOther(
                    response,
                    ConsolePaths.AGENT_CONSOLE + "?verify=" + outcome.name().toLowerCase(Locale.ROOT));
        });
    }

    /** {@code POST /agent/callbacks/:id/handled} or {@code …/cancel}: closes an open callback, audited. */
    public Object closeCallback(Request request, Response response, CallbackState closedAs) {
        return asAgent(request, response, session -> {
            Callbacks.CloseOutcome outcome = AgentApi.callbackId(request.params(":id"))
                    .map(id -> desk.closeCallback(session.agentId(), id, closedAs))
                    .orElse(Callbacks.CloseOutcome.NOT_FOUND);
            return seeOther(
                    response,
                    ConsolePaths.AGENT_CONSOLE + "?callback=" + outcome.name().toLowerCase(Locale.ROOT));
        });
    }

    private static final Map<Callbacks.CloseOutcome, String> CLOSE_MESSAGES = Map.of(
            Callbacks.CloseOutcome.CLOSED, "The callback is closed.",
            Callbacks.CloseOutcome.NOT_FOUND, "There is no such callback.",
            Callbacks.CloseOutcome.ALREADY_CLOSED, "That callback was already closed.",
            Callbacks.CloseOutcome.BEING_CALLED, "An agent is calling this customer right now. Try again shortly.");

    private static Optional<Callbacks.CloseOutcome> closeOutcome(String name) {
        return Arrays.stream(Callbacks.CloseOutcome.values())
                .filter(value -> value.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Runs a form post of the signed-in agent: 401 with the sign-in form without a session, 403 without its token. */
    private Object asAgent(Request request, Response response, Function<AgentSessions.Session, Object> work) {
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return signInForm(response, 401, null, "", loginCsrf.tokenFor(request, response));
        }
        boolean tokenMatches = Form.of(request)
                .map(form -> AgentSessions.csrfMatches(session.get(), form.field("csrf")))
                .orElse(false);
        return tokenMatches ? work.apply(session.get()) : forbidden(response);
    }

    private Object signInForm(Response response, int status, String error, String email, String loginToken) {
        return pages.render(response, status, "agent/sign-in", new SignInForm(Links.CONSOLE, loginToken, email, error));
    }

    private static Object forbidden(Response response) {
        response.status(403);
        response.type("text/plain; charset=utf-8");
        return "forbidden: the form's security token is missing or wrong; reload the console";
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
