package com.supportpin.simulator;

import static com.supportpin.simulator.Verbs.attribute;
import static com.supportpin.simulator.Verbs.integer;
import static com.supportpin.simulator.Verbs.method;
import static com.supportpin.simulator.Verbs.repeats;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.simulator.Flow.Context;
import com.supportpin.simulator.Flow.End;
import com.supportpin.simulator.Flow.Ending;
import com.supportpin.simulator.Flow.Fetch;
import com.supportpin.simulator.Flow.LeaveQueue;
import com.supportpin.simulator.Flow.Next;
import com.supportpin.voice.VoicePaths;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/** Plays Twilio's part against a running server: signed webhooks, strict TwiML, queues and the agent line. */
public final class CallSimulator {

    /** How the transcript names the phone an agent's Dial rings ({@code <Number>}). */
    static final String CUSTOMER = "customer";

    static final int MAX_DOCUMENTS_PER_LEG = 1000;
    /** Documents in a row without a prompt after which the party is asked whether they stay on the line. */
    static final int QUIET_DOCUMENTS_CHECK = 10;
    /** Documents in a row without a prompt after which the call flow is taken to loop. */
    static final int MAX_QUIET_DOCUMENTS = 200;

    /** Verbs Twilio runs in an Enqueue waitUrl document, and in a Dial Queue url document. */
    private static final Set<String> WAIT_VERBS =
            Set.of("Play", "Say", "Pause", "Hangup", "Redirect", "Leave", "Gather");

    private static final Set<String> BRIDGE_VERBS = Set.of("Play", "Say", "Pause", "Redirect");
    /** Verbs Twilio runs in a Dial Number url document, on the called phone's leg (no Dial). */
    private static final Set<String> NUMBER_VERBS = Set.of("Play", "Say", "Pause", "Redirect", "Gather", "Hangup");

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
    public record Phone(String from, String to) {}

    /** The server to send to, the public URL to sign for, the Auth Token, and the caller's and agent's numbers. */
    public record Settings(URI server, URI publicBase, String authToken, Phone caller, Phone agent) {}

    /** How the session went: normally, or with the Twilio errors it ran into. */
    public record Result(boolean completedNormally, List<String> errors) {}

    private final Settings settings;
    private final Keypad keypad;
    private final Transcript transcript;
    private final Fetcher fetcher;
    private final Queueing queueing;
    private final String accountSid = Leg.newSid("AC");

    public CallSimulator(Settings settings, Keypad keypad, PrintStream out) {
        this.settings = settings;
        this.keypad = keypad;
        this.transcript = new Transcript(out);
        this.fetcher = new Fetcher(
                new WebhookClient(settings.server(), settings.publicBase(), new RequestSigner(settings.authToken())),
                transcript);
        this.queueing = new Queueing(keypad, transcript, fetcher, new Queueing.Player() {
            @Override
            public Next play(Leg leg, TwimlDocument document, Context context) {
                return CallSimulator.this.play(leg, document, context);
            }

            @Override
            public void answerAsAgent() {
                run(newLeg(Line.AGENT));
            }
        });
    }

    /** Places one call on a line and plays it to the end (including an agent leg taken on the way). */
    public Result call(Line line) {
        run(newLeg(line));
        List<String> errors = fetcher.errors();
        return new Result(errors.isEmpty(), errors);
    }

    private Leg newLeg(Line line) {
        Phone phone = line == Line.SUPPORT ? settings.caller() : settings.agent();
        return new Leg(line, accountSid, phone.from(), phone.to());
    }

    private void run(Leg leg) {
        String url = fetcher.publicUrl(leg.line().path());
        transcript.does(
                leg.who(),
                "calls " + leg.standardParams().get("To") + " from " + leg.from() + " (CallSid " + leg.callSid() + ")");
        Next next = new Fetch(url, "POST", Map.of());
        int documents = 0;
        while (next instanceof Fetch fetch) {
            if (++documents > MAX_DOCUMENTS_PER_LEG || leg.quietDocuments() > MAX_QUIET_DOCUMENTS) {
                fetcher.fail(leg, "simulator", "gave up after " + (documents - 1) + " documents: the call flow loops");
                next = new End(Ending.FAILED);
                break;
            }
            if (leg.quietDocuments() > 0
                    && leg.quietDocuments() % QUIET_DOCUMENTS_CHECK == 0
                    && !keypad.stillThere(leg.who())) {
                transcript.does(leg.who(), "hangs up after " + leg.quietDocuments() + " documents without a prompt");
                next = new End(Ending.CALLER_HUNG_UP);
                break;
            }
            leg.quiet();
            Optional<TwimlDocument> document = fetcher.fetch(leg, fetch, Map.of());
            next = document.isEmpty() ? new End(Ending.FAILED) : play(leg, document.get(), Context.CALL);
        }
        Ending ending = next instanceof End end ? end.ending() : Ending.DOCUMENT_ENDED;
        fetcher.finish(leg, ending);
    }

    /** Runs a document's verbs in order; returns where the call goes next. */
    private Next play(Leg leg, TwimlDocument document, Context context) {
        for (Element verb : document.verbs()) {
            String name = verb.getTagName();
            if (context == Context.WAIT && !WAIT_VERBS.contains(name)
                    || context == Context.BRIDGE && !BRIDGE_VERBS.contains(name)
                    || context == Context.NUMBER && !NUMBER_VERBS.contains(name)) {
                transcript.error(
                        leg.who(),
                        "<" + name + "> is not allowed in "
                                + switch (context) {
                                    case WAIT -> "an Enqueue waitUrl document";
                                    case NUMBER -> "a Dial Number url document";
                                    default -> "a Dial Queue url document";
                                }
                                + ": Twilio skips it");
                continue;
            }
            Optional<Next> jump;
            try {
                jump = switch (name) {
                    case "Say" -> say(leg, verb);
                    case "Play" -> play(leg, verb);
                    case "Pause" -> pause(leg, verb);
                    case "Gather" -> gather(leg, verb, document);
                    case "Redirect" ->
                        Optional.of(
                                new Fetch(document.resolve(verb.getTextContent()), method(verb, "method"), Map.of()));
                    case "Hangup" -> {
                        transcript.does(leg.who(), "is hung up on (<Hangup>)");
                        yield Optional.of(new End(Ending.HANGUP_VERB));
                    }
                    case "Reject" -> {
                        transcript.does(
                                leg.who(),
                                "is rejected (<Reject reason=\"" + attribute(verb, "reason", "rejected") + "\">)");
                        yield Optional.of(new End(Ending.REJECTED));
                    }
                    case "Leave" -> {
                        if (context == Context.WAIT) {
                            yield Optional.of(new LeaveQueue());
                        }
                        transcript.note(leg.who(), "<Leave> outside a queue does nothing");
                        yield Optional.empty();
                    }
                    case "Enqueue" -> queueing.enqueue(leg, verb, document);
                    case "Dial" -> queueing.dial(leg, verb, document);
                    default -> {
                        transcript.note(leg.who(), "<" + name + "> is not simulated: skipped");
                        yield Optional.empty();
                    }
                };
            } catch (IllegalArgumentException badUrl) {
                fetcher.applicationError(leg, "11100", "Invalid URL format", badUrl.getMessage());
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
            transcript.hears(
                    leg.who(), "[audio: " + verb.getTextContent().trim() + "]" + repeats(integer(verb, "loop", 1)));
        }
        return Optional.empty();
    }

    private Optional<Next> pause(Leg leg, Element verb) {
        transcript.hears(leg.who(), "[pause " + integer(verb, "length", 1) + " s]");
        return Optional.empty();
    }

    /** Twilio's Gather: prompts, then keys until the finish key, numDigits or the timeout. */
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
        String hint =
                numDigits > 0 ? numDigits + " keys" : finishOnKey.isEmpty() ? "keys" : "keys, then " + finishOnKey;
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
}
