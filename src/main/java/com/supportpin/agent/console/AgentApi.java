package com.supportpin.agent.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportpin.agent.AgentDao;
import com.supportpin.agent.Agents;
import com.supportpin.callback.CallbackBoard;
import com.supportpin.callback.CallbackState;
import com.supportpin.web.Json;
import com.supportpin.web.JsonSignIn;
import com.supportpin.web.SignInThrottle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import spark.Request;
import spark.Response;

/** The agent console's JSON API under {@code /api/agent}; changes also need the session's token in X-CSRF-Token. */
public final class AgentApi {

    /** The answer to a successful sign-in. */
    record SignedIn(String name, String email, String csrfToken) {}

    /** The answer of {@code GET /api/agent/queue}: the first 200 waiting and the first page of callbacks, with totals. */
    record Queue(
            List<AgentDesk.Waiting> waiting,
            long waitingTotal,
            List<CallbackBoard.Row> callbacks,
            long callbacksTotal) {}

    /** The answer of closing a callback. */
    record Closed(long id, String state) {}

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final boolean READS = false;
    private static final boolean CHANGES = true;

    private final Agents agents;
    private final AgentSessions sessions;
    private final SignInThrottle throttle;
    private final AgentDesk desk;

    public AgentApi(Agents agents, AgentSessions sessions, SignInThrottle throttle, AgentDesk desk) {
        this.agents = agents;
        this.sessions = sessions;
        this.throttle = throttle;
        this.desk = desk;
    }

    /** Agents' e-mails are counted apart from customers' in the shared throttle; the client address is shared. */
    static final String THROTTLE_KEY_PREFIX = "agent:";

    /** An agent sign-in under the shared throttle (for the console's form). */
    static SignInThrottle.Attempt<AgentDao.Agent> throttledSignIn(
            SignInThrottle throttle, Agents agents, String email, String password, String clientAddress) {
        return throttle.attempt(THROTTLE_KEY_PREFIX + email, clientAddress, () -> agents.signIn(email, password));
    }

    public Object signIn(Request request, Response response) {
        noStore(response);
        var signIn = JsonSignIn.attempt(request, response, throttle, THROTTLE_KEY_PREFIX, agents::signIn);
        if (signIn.signedIn().isEmpty()) {
            return signIn.refusal();
        }
        AgentDao.Agent agent = signIn.signedIn().get();
        AgentSessions.Session session = sessions.start(request, response, agent.id());
        return Json.write(response, 200, new SignedIn(agent.name(), agent.email(), session.csrfToken()));
    }

    public Object signOut(Request request, Response response) {
        sessions.end(request, response);
        response.status(204);
        return "";
    }

    public Object queue(Request request, Response response) {
        return asAgent(request, response, READS, session -> {
            CallbackBoard.Page callbacks = desk.callbacks(1);
            return Json.write(
                    response,
                    200,
                    new Queue(desk.waiting(), desk.waitingTotal(), callbacks.callbacks(), callbacks.total()));
        });
    }

    /** {@code GET /api/agent/callbacks?page=N}: a page of open callbacks, with the total and the page count. */
    public Object callbacks(Request request, Response response) {
        return asAgent(
                request,
                response,
                READS,
                session -> pageNumber(request.queryParams("page"))
                        .map(page -> Json.write(response, 200, desk.callbacks(page)))
                        .orElseGet(() -> Json.error(response, 400, "page must be a whole number from 1")));
    }

    /** {@code POST /api/agent/callbacks/:id/handled} or {@code …/cancel}, with the X-CSRF-Token header. */
    public Object closeCallback(Request request, Response response, CallbackState closedAs) {
        return asAgent(request, response, CHANGES, session -> {
            Optional<Long> id = callbackId(request.params(":id"));
            if (id.isEmpty()) {
                return Json.error(response, 404, "no such callback");
            }
            return switch (desk.closeCallback(session.agentId(), id.get(), closedAs)) {
                case CLOSED -> Json.write(response, 200, new Closed(id.get(), closedAs.word()));
                case NOT_FOUND -> Json.error(response, 404, "no such callback");
                case ALREADY_CLOSED -> Json.error(response, 409, "the callback is already closed");
                case BEING_CALLED ->
                    Json.error(response, 409, "an agent is calling this customer right now; try again shortly");
            };
        });
    }

    /** A page number from a query parameter: absent is page 1; anything but 1 to 100000 is refused. */
    static Optional<Integer> pageNumber(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(1);
        }
        return text.trim().matches("^[1-9][0-9]{0,5}$") ? Optional.of(Integer.parseInt(text.trim())) : Optional.empty();
    }

    /** A callback id from the path; empty unless it is a plain number. */
    static Optional<Long> callbackId(String text) {
        return text != null && text.matches("^[0-9]{1,18}$") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    public Object current(Request request, Response response) {
        return asAgent(request, response, READS, session -> Json.write(response, 200, desk.current(session.agentId())));
    }

    public Object verify(Request request, Response response) {
        return asAgent(request, response, CHANGES, session -> {
            if (!Json.isJson(request)) {
                return Json.error(response, 415, "send application/json");
            }
            Optional<JsonNode> body = Json.object(request);
            String accountNumber =
                    body.flatMap(node -> Json.text(node, "accountNumber")).orElse(null);
            String pin = body.flatMap(node -> Json.text(node, "pin")).orElse(null);
            return switch (desk.verify(session.agentId(), accountNumber, pin)) {
                case VERIFIED -> Json.write(response, 200, desk.current(session.agentId()));
                case WRONG_PIN -> Json.error(response, 422, "the account number and PIN did not match");
                case LOCKED -> Json.error(response, 423, "too many failed PIN checks for this account; try later");
                case NO_CALLER -> Json.error(response, 409, "no caller is connected to you");
                case ALREADY_VERIFIED -> Json.error(response, 409, "the connected caller is already verified");
                case INVALID -> Json.error(response, 400, "accountNumber must be digits and pin a Support PIN");
            };
        });
    }

    /** Runs {@code work} for the signed-in agent: 401 without a session, 403 on a change without the CSRF header. */
    private Object asAgent(
            Request request, Response response, boolean changes, Function<AgentSessions.Session, Object> work) {
        noStore(response);
        Optional<AgentSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return Json.error(response, 401, "agents only: sign in first");
        }
        if (changes && !AgentSessions.csrfMatches(session.get(), request.headers(CSRF_HEADER))) {
            return Json.error(response, 403, "missing or wrong " + CSRF_HEADER);
        }
        return work.apply(session.get());
    }

    /** The console's outcome messages, shared with the HTML form. */
    static final Map<AgentDesk.VerifyOutcome, String> MESSAGES = Map.of(
            AgentDesk.VerifyOutcome.VERIFIED, "PIN correct: the connected caller is now verified.",
            AgentDesk.VerifyOutcome.WRONG_PIN, "The account number and PIN did not match.",
            AgentDesk.VerifyOutcome.LOCKED, "Too many failed PIN checks for this account. Verify another way.",
            AgentDesk.VerifyOutcome.NO_CALLER, "No caller is connected to you.",
            AgentDesk.VerifyOutcome.ALREADY_VERIFIED, "The connected caller is already verified.",
            AgentDesk.VerifyOutcome.INVALID, "Enter the account number and the PIN digits.");

    static void noStore(Response response) {
        response.header("Cache-Control", "no-store");
    }
}
