package com.supportpin.simulator;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.voice.VoicePaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Plays Twilio's part against a running server: places a call on the support or the agent line,
 * signs every webhook as Twilio does, and follows the TwiML it gets back. It parses every document
 * strictly, so a document Twilio would refuse fails here too. Callers wait in the simulator's own
 * queues, and a waiting caller can be taken on the agent line in the same session.
 */
public final class CallSimulator {

    /** What Twilio says when a webhook fails and no fallback URL is set. */
    static final String APPLICATION_ERROR = "We are sorry, an application error has occurred. Goodbye.";

    static final int MAX_DOCUMENTS_PER_LEG = 1000;
    /** Documents in a row without a prompt after which the party is asked whether they stay on the line. */
    static final int QUIET_DOCUMENTS_CHECK = 10;
    /** Documents in a row without a prompt after which the call flow is taken to loop. */
    static final int MAX_QUIET_DOCUMENTS = 200;
    static final int MAX_HOLD_ROUNDS = 500;
    static final int MAX_HTTP_REDIRECTS = 5;

    /** Verbs Twilio runs in an Enqueue waitUrl document, and in a Dial Queue url document. */
    private static final Set<String> WAIT_VERBS = Set.of("Play", "Say", "Pause", "Hangup", "Redirect", "Leave", "Gather");
    private static final Set<String> BRIDGE_VERBS = Set.of("Play", "Say", "Pause", "Redirect");

    /** Which number is called. */
    public enum Line {
        SUPPORT("caller", VoicePaths.VOICE_INCOMING, VoicePaths.VOICE_STATUS),
        AGENT("agent", AgentLinePaths.VOICE_AGENT, AgentLinePaths.VOICE_AGENT_STATUS);

        private final String who;
        private final String path;
        private final String statusPath;

        /** How the transcript names this line's party. */
        String who() {
            return who;
        }

        Line(String who, String path, String statusPath) {
            this.who = who;
            this.path = path;
            this.statusPath = statusPath;
        }

        public String path() {
            return path;
        }

        /** The number's "call status changes" webhook. */
        public String statusPath() {
            return statusPath;
        }
    }

    /** A phone number calling a line number. */
    public record Phone(String from, String to) {
    }

    /**
     * Where to send requests ({@code server}), which URL to sign them for ({@code publicBase}, the app's
     * PUBLIC_BASE_URL), the Auth Token, and the numbers of the caller and of the agent.
     */
    public record Settings(URI server, URI publicBase, String authToken, Phone caller, Phone agent) {
    }

    /** How the session went: normally, or with the Twilio errors it ran into. */
    public record Result(boolean completedNormally, List<String> errors) {
    }

    /** Where a document, or a part of a call, goes next. */
    private sealed interface Next {
    }

    /** Request a URL and run what it answers. */
    private record Fetch(String url, String method, Map<String, String> params) implements Next {
    }

    /** Leave the queue (the Leave verb in a waitUrl document). */
    private record LeaveQueue() implements Next {
    }

    /** The call is over. */
    private record End(Ending ending) implements Next {
    }

    private enum Ending { DOCUMENT_ENDED, HANGUP_VERB, REJECTED, CALLER_HUNG_UP, ALREADY_ENDED, FAILED }

    /** Where a document runs: the call itself, an Enqueue waitUrl, or a Dial Queue url before the bridge. */
    private enum Context { CALL, WAIT, BRIDGE }

    private enum QueueResult { BRIDGED, HANGUP, LEAVE, ERROR }

    private final Settings settings;
    private final Keypad keypad;
    private final Transcript transcript;
    private final WebhookClient webhooks;
    private final LocalQueues queues = new LocalQueues();
    private final String accountSid = Leg.newSid("AC");
    private final List<String> errors = new ArrayList<>();

    public CallSimulator(Settings settings, Keypad keypad, java.io.PrintStream out) {
        this.settings = settings;
        this.keypad = keypad;
        this.transcript = new Transcript(out);
        this.webhooks = new WebhookClient(settings.server(), settings.publicBase(), new RequestSigner(settings.authToken()));
    }

    /** Places one call on a line and plays it to the end (including an agent leg taken on the way). */
    public Result call(Line line) {
        run(newLeg(line));
        return new Result(errors.isEmpty(), List.copyOf(errors));
    }

    private Leg newLeg(Line line) {
        Phone phone = line == Line.SUPPORT ? settings.caller() : settings.agent();
        return new Leg(line, accountSid, phone.from(), phone.to());
    }

    private void run(Leg leg) {
        String url = webhooks.publicUrl(leg.line().path());
        transcript.does(leg.who(), "calls " + leg.standardParams().get("To") + " from " + leg.from()
                + " (CallSid " + leg.callSid() + ")");
        Next next = new Fetch(url, "POST", Map.of());
        int documents = 0;
        while (next instanceof Fetch fetch) {
            if (++documents > MAX_DOCUMENTS_PER_LEG || leg.quietDocuments() > MAX_QUIET_DOCUMENTS) {
                fail(leg, "simulator", "gave up after " + (documents - 1) + " documents: the call flow loops");
                next = new End(Ending.FAILED);
                break;
            }
            if (leg.quietDocuments() > 0 && leg.quietDocuments() % QUIET_DOCUMENTS_CHECK == 0
                    && !keypad.stillThere(leg.who())) {
                transcript.does(leg.who(), "hangs up after " + leg.quietDocuments() + " documents without a prompt");
                next = new End(Ending.CALLER_HUNG_UP);
                break;
            }
            leg.quiet();
            Optional<TwimlDocument> document = fetch(leg, fetch, Map.of());
            next = document.isEmpty() ? new End(Ending.FAILED) : play(leg, document.get(), Context.CALL);
        }
        Ending ending = next instanceof End end ? end.ending() : Ending.DOCUMENT_ENDED;
        finish(leg, ending);
    }

    /** Runs a document's verbs in order; returns where the call goes next. */
    private Next play(Leg leg, TwimlDocument document, Context context) {
        for (Element verb : document.verbs()) {
            String name = verb.getTagName();
            if (context == Context.WAIT && !WAIT_VERBS.contains(name)
                    || context == Context.BRIDGE && !BRIDGE_VERBS.contains(name)) {
                transcript.error(leg.who(), "<" + name + "> is not allowed in " + (context == Context.WAIT
                        ? "an Enqueue waitUrl document" : "a Dial Queue url document") + ": Twilio skips it");
                continue;
            }
            Optional<Next> jump;
            try {
                jump = switch (name) {
                    case "Say" -> say(leg, verb);
                    case "Play" -> play(leg, verb);
                    case "Pause" -> pause(leg, verb);
                    case "Gather" -> gather(leg, verb, document);
                    case "Redirect" -> Optional.of(new Fetch(document.resolve(verb.getTextContent()),
                            method(verb, "method"), Map.of()));
                    case "Hangup" -> {
                        transcript.does(leg.who(), "is hung up on (<Hangup>)");
                        yield Optional.of(new End(Ending.HANGUP_VERB));
                    }
                    case "Reject" -> {
                        transcript.does(leg.who(), "is rejected (<Reject reason=\"" + attribute(verb, "reason", "rejected")
                                + "\">)");
                        yield Optional.of(new End(Ending.REJECTED));
                    }
                    case "Leave" -> {
                        if (context == Context.WAIT) {
                            yield Optional.of(new LeaveQueue());
                        }
                        transcript.note(leg.who(), "<Leave> outside a queue does nothing");
                        yield Optional.empty();
                    }
                    case "Enqueue" -> enqueue(leg, verb, document);
                    case "Dial" -> dial(leg, verb, document);
                    default -> {
                        transcript.note(leg.who(), "<" + name + "> is not simulated: skipped");
                        yield Optional.empty();
                    }
                };
            } catch (IllegalArgumentException badUrl) {
                applicationError(leg, "11100", "Invalid URL format", badUrl.getMessage());
                return new End(Ending.FAILED);
            }
            if (jump.isPresent()) {
                return jump.get();
            }
        }
        return new End(Ending.DOCUMENT_ENDED);
    }

    private Optional<Next> say(Leg leg, Element verb) {
        int loop = integer(verb, "loop", 1);
        transcript.hears(leg.who(), verb.getTextContent().trim() + repeats(loop));
        return Optional.empty();
    }

    private Optional<Next> play(Leg leg, Element verb) {
        if (verb.hasAttribute("digits")) {
            transcript.hears(leg.who(), "[tones: " + verb.getAttribute("digits") + "]");
        } else {
            transcript.hears(leg.who(), "[audio: " + verb.getTextContent().trim() + "]" + repeats(integer(verb, "loop", 1)));
        }
        return Optional.empty();
    }

    private Optional<Next> pause(Leg leg, Element verb) {
        transcript.hears(leg.who(), "[pause " + integer(verb, "length", 1) + " s]");
        return Optional.empty();
    }

    private static String repeats(int loop) {
        return loop == 1 ? "" : loop == 0 ? " (repeated until something else happens)" : " (" + loop + " times)";
    }

    /**
     * Twilio's Gather: nested prompts play, then keys are collected until the finish key (not part of
     * Digits), numDigits keys, or the timeout. Input goes to the action; no input continues with the
     * next verb, unless actionOnEmptyResult asks for the action anyway.
     */
    private Optional<Next> gather(Leg leg, Element verb, TwimlDocument document) {
        for (Element nested : TwimlDocument.children(verb)) {
            switch (nested.getTagName()) {
                case "Say" -> say(leg, nested);
                case "Play" -> play(leg, nested);
                case "Pause" -> pause(leg, nested);
                default -> transcript.error(leg.who(), "<" + nested.getTagName() + "> inside <Gather> is ignored");
            }
        }
        String finishOnKey = verb.hasAttribute("finishOnKey") ? verb.getAttribute("finishOnKey") : "#";
        int numDigits = integer(verb, "numDigits", 0);
        int timeout = integer(verb, "timeout", 5);
        String input = attribute(verb, "input", "dtmf");
        if (!input.contains("dtmf")) {
            transcript.note(leg.who(), "speech input is not simulated: this Gather only hears silence");
        }
        String hint = numDigits > 0 ? numDigits + " keys" : finishOnKey.isEmpty() ? "keys" : "keys, then " + finishOnKey;
        Optional<String> line = input.contains("dtmf") ? keypad.keys(leg.who(), hint) : Optional.of("");
        leg.prompted();
        if (line.isEmpty()) {
            transcript.does(leg.who(), "hangs up");
            return Optional.of(new End(Ending.CALLER_HUNG_UP));
        }
        Keys keys = Keys.collect(line.get(), numDigits, finishOnKey);
        keys.ignored().forEach(ignored -> transcript.note(leg.who(), "'" + ignored + "' is not a phone key: ignored"));
        if (keys.digits().isEmpty() && keys.finishedOnKey().isEmpty()) {
            transcript.does(leg.who(), "presses nothing");
        } else {
            transcript.does(leg.who(), "presses " + keys.masked());
        }
        boolean actionOnEmpty = "true".equalsIgnoreCase(verb.getAttribute("actionOnEmptyResult"));
        if (keys.digits().isEmpty() && !actionOnEmpty) {
            transcript.note(leg.who(), "no input: after " + timeout + " s Twilio carries on with the next verb");
            return Optional.empty();
        }
        var params = new LinkedHashMap<String, String>();
        params.put("Digits", keys.digits());
        params.put("FinishedOnKey", keys.finishedOnKey());
        String action = verb.hasAttribute("action") ? document.resolve(verb.getAttribute("action")) : document.url();
        return Optional.of(new Fetch(action, method(verb, "method"), params));
    }

    /** Twilio's Enqueue: hold with the waitUrl, looping, until bridged, left, or hung up. */
    private Optional<Next> enqueue(Leg leg, Element verb, TwimlDocument document) {
        String queue = verb.getTextContent().trim();
        Optional<String> action = Optional.of(verb.getAttribute("action")).filter(url -> !url.isBlank())
                .map(document::resolve);
        String actionMethod = method(verb, "method");
        if (verb.hasAttribute("workflowSid")) {
            transcript.note(leg.who(), "TaskRouter (workflowSid) is not simulated: the caller waits in queue " + queue);
        }
        if (queues.isFull(queue)) {
            return afterQueue(leg, action, actionMethod, Map.of("QueueResult", "queue-full"), false);
        }
        LocalQueues.Entry entry = queues.join(queue, leg, action, actionMethod);
        transcript.does(leg.who(), "waits in queue '" + queue + "' at position " + queues.position(entry));
        QueueResult result = hold(leg, entry, verb, document);
        queues.remove(entry);
        if (result == QueueResult.BRIDGED) {
            // The Enqueue action and the status callback already came when the bridged call ended.
            return Optional.of(new End(Ending.ALREADY_ENDED));
        }
        Map<String, String> params = Map.of("QueueResult", result.name().toLowerCase(Locale.ROOT),
                "QueueSid", entry.queueSid(), "QueueTime", String.valueOf(entry.queueTimeSeconds()));
        return afterQueue(leg, action, actionMethod, params, result != QueueResult.LEAVE);
    }

    /**
     * The caller left the queue: Twilio requests the Enqueue action with QueueResult. When the call is
     * over (a hang-up, an error) the answer is still checked but nobody is left to hear it.
     */
    private Optional<Next> afterQueue(Leg leg, Optional<String> action, String method, Map<String, String> params,
            boolean callIsOver) {
        transcript.note(leg.who(), "leaves the queue: " + params.get("QueueResult"));
        if (action.isEmpty()) {
            return callIsOver ? Optional.of(new End(Ending.CALLER_HUNG_UP)) : Optional.empty();
        }
        var fetch = new Fetch(action.get(), method, params);
        if (!callIsOver) {
            return Optional.of(fetch);
        }
        fetch(leg, fetch, Map.of());
        return Optional.of(new End(Ending.CALLER_HUNG_UP));
    }

    private QueueResult hold(Leg leg, LocalQueues.Entry entry, Element enqueue, TwimlDocument document) {
        Optional<String> waitUrl = Optional.of(enqueue.getAttribute("waitUrl")).filter(url -> !url.isBlank())
                .map(document::resolve);
        String waitMethod = method(enqueue, "waitUrlMethod");
        boolean canAnswer = leg.line() == Line.SUPPORT;
        for (int round = 1; round <= MAX_HOLD_ROUNDS; round++) {
            if (waitUrl.isPresent()) {
                Optional<QueueResult> left = playWaitUrl(leg, entry, waitUrl.get(), waitMethod);
                if (left.isPresent()) {
                    return left.get();
                }
            } else {
                transcript.hears(leg.who(), "[audio: Twilio's default hold music]");
            }
            switch (keypad.whileQueued(leg.who(), entry.queue(), canAnswer)) {
                case KEEP_WAITING -> transcript.note(leg.who(), "keeps waiting: Twilio requests the waitUrl again");
                case HANG_UP -> {
                    transcript.does(leg.who(), "hangs up");
                    return QueueResult.HANGUP;
                }
                case ANSWER_AS_AGENT -> {
                    run(newLeg(Line.AGENT));
                    if (entry.bridged()) {
                        return QueueResult.BRIDGED;
                    }
                    transcript.note(leg.who(), "the agent did not take this call: still waiting");
                }
            }
        }
        transcript.note(leg.who(), "gives up after " + MAX_HOLD_ROUNDS + " rounds of hold");
        return QueueResult.HANGUP;
    }

    /** One round of the waitUrl, with the Redirects and Gathers it leads to. Empty: keep waiting. */
    private Optional<QueueResult> playWaitUrl(Leg leg, LocalQueues.Entry entry, String waitUrl, String method) {
        Next next = new Fetch(waitUrl, method, Map.of());
        for (int documents = 1; next instanceof Fetch fetch; documents++) {
            if (documents > MAX_DOCUMENTS_PER_LEG) {
                fail(leg, "simulator", "gave up after " + MAX_DOCUMENTS_PER_LEG + " waitUrl documents in one round");
                return Optional.of(QueueResult.ERROR);
            }
            Optional<TwimlDocument> document = fetch(leg, fetch, queues.waitParams(entry));
            if (document.isEmpty()) {
                return Optional.of(QueueResult.ERROR);
            }
            next = play(leg, document.get(), Context.WAIT);
        }
        if (next instanceof LeaveQueue) {
            return Optional.of(QueueResult.LEAVE);
        }
        return switch (((End) next).ending()) {
            case DOCUMENT_ENDED -> Optional.empty();
            case FAILED -> Optional.of(QueueResult.ERROR);
            default -> Optional.of(QueueResult.HANGUP);
        };
    }

    /** Twilio's Dial. Only a Queue noun can be answered here: it takes the first caller waiting in it. */
    private Optional<Next> dial(Leg leg, Element verb, TwimlDocument document) {
        int timeout = integer(verb, "timeout", 30);
        Optional<Element> queueNoun = TwimlDocument.children(verb).stream()
                .filter(noun -> noun.getTagName().equals("Queue")).findFirst();
        var result = new LinkedHashMap<String, String>();
        if (queueNoun.isEmpty()) {
            transcript.note(leg.who(), "dialling " + describeDialTarget(verb) + " is not simulated: nobody answers within "
                    + timeout + " s");
            result.put("DialCallStatus", "no-answer");
        } else {
            String queue = queueNoun.get().getTextContent().trim();
            transcript.does(leg.who(), "dials queue '" + queue + "'");
            Optional<LocalQueues.Entry> waiting = queues.dequeue(queue);
            if (waiting.isEmpty()) {
                List<String> occupied = queues.occupied();
                transcript.note(leg.who(), "nobody waits in queue '" + queue + "' in this simulator session"
                        + (occupied.isEmpty() ? "" : " (callers wait in " + String.join(", ", occupied) + ")")
                        + ": the Dial times out after " + timeout + " s");
                if (occupied.isEmpty() && leg.line() == Line.AGENT) {
                    transcript.note(leg.who(), "tip: run `call --line support` and press a while on hold to take that call here");
                }
                result.put("DialCallStatus", "no-answer");
            } else {
                result.putAll(bridge(leg, waiting.get(), queueNoun.get(), document));
            }
        }
        if (!verb.hasAttribute("action") || verb.getAttribute("action").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Fetch(document.resolve(verb.getAttribute("action")), method(verb, "method"), result));
    }

    /**
     * Connects an agent's Dial to a waiting caller, as Twilio does: the Queue url runs on the caller's
     * leg (with DequeingCallSid naming the agent's call), then the two talk. When the bridged call ends
     * (the caller hangs up), the caller's Enqueue action gets QueueResult=bridged; the agent's Dial
     * action follows with the result returned here.
     */
    private Map<String, String> bridge(Leg agent, LocalQueues.Entry entry, Element queueNoun, TwimlDocument document) {
        Leg caller = entry.leg();
        long queueTime = entry.queueTimeSeconds();
        Map<String, String> queueParams = Map.of("QueueSid", entry.queueSid(), "QueueTime", String.valueOf(queueTime),
                "DequeingCallSid", agent.callSid());
        if (queueNoun.hasAttribute("url") && !queueNoun.getAttribute("url").isBlank()) {
            Next next = new Fetch(document.resolve(queueNoun.getAttribute("url")), method(queueNoun, "method"), Map.of());
            for (int documents = 1; next instanceof Fetch fetch && documents <= MAX_DOCUMENTS_PER_LEG; documents++) {
                Optional<TwimlDocument> whisper = fetch(caller, fetch, queueParams);
                if (whisper.isEmpty()) {
                    entry.markBridged();
                    finish(caller, Ending.FAILED);
                    return Map.of("DialCallStatus", "failed", "QueueSid", entry.queueSid());
                }
                next = play(caller, whisper.get(), Context.BRIDGE);
            }
        }
        long talkStarted = System.nanoTime();
        transcript.does(agent.who(), "is connected to the caller (" + caller.callSid() + ") after " + queueTime
                + " s in queue '" + entry.queue() + "'");
        keypad.whileBridged(caller.who(), agent.who());
        long talked = (System.nanoTime() - talkStarted) / 1_000_000_000L;
        transcript.does(caller.who(), "hangs up after talking to the agent for " + talked + " s");
        entry.markBridged();
        entry.actionUrl().ifPresent(action -> fetch(caller, new Fetch(action, entry.actionMethod(),
                Map.of("QueueResult", "bridged", "QueueSid", entry.queueSid(), "QueueTime", String.valueOf(queueTime))),
                Map.of()));
        finish(caller, Ending.CALLER_HUNG_UP);
        var result = new LinkedHashMap<String, String>();
        result.put("DialCallStatus", "completed");
        result.put("DialCallSid", caller.callSid());
        result.put("DialCallDuration", String.valueOf(talked));
        result.put("DialBridged", "true");
        result.put("QueueSid", entry.queueSid());
        return result;
    }

    private static String describeDialTarget(Element dial) {
        List<Element> nouns = TwimlDocument.children(dial);
        return nouns.isEmpty() ? dial.getTextContent().trim() : "<" + nouns.get(0).getTagName() + ">";
    }

    /**
     * Requests a document with the leg's standard parameters plus {@code extra} and the fetch's own,
     * and checks it as Twilio would. On failure the caller hears Twilio's application error.
     */
    private Optional<TwimlDocument> fetch(Leg leg, Fetch fetch, Map<String, String> extra) {
        var params = new LinkedHashMap<>(leg.standardParams());
        params.putAll(extra);
        params.putAll(fetch.params());
        String method = fetch.method();
        transcript.request(leg.who(), method, webhooks.shortForm(fetch.url()));
        WebhookClient.Answer answer;
        String url = fetch.url();
        try {
            answer = webhooks.request(url, method, params);
            for (int redirects = 0; answer.isRedirect() && redirects < MAX_HTTP_REDIRECTS; redirects++) {
                // Twilio follows an HTTP redirect, but as a GET that no longer carries Digits or other extras.
                url = URI.create(url).resolve(answer.location().orElseThrow()).toString();
                transcript.error(leg.who(), "the app answered HTTP " + answer.status() + ": Twilio follows it to "
                        + webhooks.shortForm(url) + " with GET, dropping Digits and the other parameters of this request");
                answer = webhooks.request(url, "GET", leg.standardParams());
            }
        } catch (IllegalArgumentException e) {
            applicationError(leg, "11100", "Invalid URL format", url);
            return Optional.empty();
        } catch (HttpTimeoutException e) {
            applicationError(leg, "11205", "HTTP connection failure", "no answer from " + fetch.url() + " within "
                    + WebhookClient.RESPONSE_TIMEOUT.toSeconds() + " s");
            return Optional.empty();
        } catch (IOException e) {
            applicationError(leg, "11205", "HTTP connection failure", "cannot reach " + webhooks.target(fetch.url())
                    + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            applicationError(leg, "11205", "HTTP connection failure", "interrupted");
            return Optional.empty();
        }
        if (answer.status() != 200) {
            applicationError(leg, "11200", "HTTP retrieval failure", url + " answered HTTP " + answer.status()
                    + firstLine(answer.body()));
            return Optional.empty();
        }
        String type = answer.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("audio/")) {
            // Twilio plays an audio answer as if the document were a single <Play> of that URL.
            leg.answered();
            return Optional.of(TwimlDocument.playing(url));
        }
        if (!(type.startsWith("text/xml") || type.startsWith("application/xml"))) {
            applicationError(leg, "12300", "Invalid Content-Type", url + " answered '"
                    + (type.isEmpty() ? "no content type" : answer.contentType()) + "', not TwiML (text/xml, application/xml) or audio");
            return Optional.empty();
        }
        try {
            TwimlDocument document = TwimlDocument.parse(url, answer.body());
            leg.answered();
            return Optional.of(document);
        } catch (TwimlDocument.Invalid invalid) {
            applicationError(leg, "12100", "Document parse failure", url + ": " + invalid.getMessage());
            return Optional.empty();
        }
    }

    private void applicationError(Leg leg, String code, String title, String detail) {
        fail(leg, code, title + ": " + detail);
        transcript.hears(leg.who(), APPLICATION_ERROR);
    }

    private void fail(Leg leg, String code, String message) {
        String error = (code.equals("simulator") ? "simulator: " : "Twilio error " + code + " (") + message
                + (code.equals("simulator") ? "" : ")");
        errors.add(leg.who() + ": " + error);
        transcript.error(leg.who(), error);
    }

    /** Ends a leg once: reports how it ended and sends the status callback (CallStatus=completed). */
    private void finish(Leg leg, Ending ending) {
        if (!leg.finish()) {
            return;
        }
        switch (ending) {
            case DOCUMENT_ENDED -> transcript.note(leg.who(), "no more TwiML: Twilio hangs up");
            case FAILED -> transcript.note(leg.who(), "the call ends after the error");
            default -> { }
        }
        String status = ending == Ending.REJECTED ? "busy" : "completed";
        var params = new LinkedHashMap<>(leg.standardParams());
        params.put("CallStatus", status);
        params.put("CallDuration", String.valueOf(leg.seconds()));
        String url = webhooks.publicUrl(leg.line().statusPath());
        transcript.request(leg.who(), "POST", webhooks.shortForm(url) + " (status callback: " + status + ")");
        try {
            var answer = webhooks.request(url, "POST", params);
            if (answer.status() / 100 != 2) {
                fail(leg, "11200", "HTTP retrieval failure: the status callback answered HTTP " + answer.status());
            }
        } catch (IOException e) {
            fail(leg, "11205", "HTTP connection failure: status callback: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 120 ? line.substring(0, 120) + "…" : line);
    }

    private static String method(Element verb, String attribute) {
        return attribute(verb, attribute, "POST").toUpperCase(Locale.ROOT);
    }

    private static String attribute(Element verb, String name, String fallback) {
        return verb.hasAttribute(name) && !verb.getAttribute(name).isBlank() ? verb.getAttribute(name).trim() : fallback;
    }

    private static int integer(Element verb, String name, int fallback) {
        try {
            return verb.hasAttribute(name) ? Integer.parseInt(verb.getAttribute(name).trim()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
