package com.supportpin.simulator;

import static com.supportpin.simulator.CallSimulator.MAX_DOCUMENTS_PER_LEG;
import static com.supportpin.simulator.Verbs.integer;
import static com.supportpin.simulator.Verbs.method;

import com.supportpin.simulator.Flow.Context;
import com.supportpin.simulator.Flow.End;
import com.supportpin.simulator.Flow.Ending;
import com.supportpin.simulator.Flow.Fetch;
import com.supportpin.simulator.Flow.LeaveQueue;
import com.supportpin.simulator.Flow.Next;
import com.supportpin.simulator.Flow.QueueResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/** Twilio's queues as the simulator plays them: Enqueue with its waitUrl, and an agent's Dial of a Queue. */
final class Queueing {

    static final int MAX_HOLD_ROUNDS = 500;

    /** Runs a document on a leg, where it runs: the verb interpreter's entry point. */
    interface Player {
        Next play(Leg leg, TwimlDocument document, Context context);

        /** Places a call on the agent line and plays it to the end, while a caller waits. */
        void answerAsAgent();
    }

    private final Keypad keypad;
    private final Transcript transcript;
    private final Fetcher fetcher;
    private final LocalQueues queues = new LocalQueues();
    private final Player player;
    private final NumberDial numbers;

    Queueing(Keypad keypad, Transcript transcript, Fetcher fetcher, Player player) {
        this.keypad = keypad;
        this.transcript = transcript;
        this.fetcher = fetcher;
        this.player = player;
        this.numbers = new NumberDial(keypad, transcript, fetcher, player);
    }

    /** Twilio's Enqueue: hold with the waitUrl, looping, until bridged, left, or hung up. */
    Optional<Next> enqueue(Leg leg, Element verb, TwimlDocument document) {
        String queue = verb.getTextContent().trim();
        Optional<String> action = Optional.of(verb.getAttribute("action"))
                .filter(url -> !url.isBlank())
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
        Map<String, String> params = Map.of(
                "QueueResult",
                result.name().toLowerCase(Locale.ROOT),
                "QueueSid",
                entry.queueSid(),
                "QueueTime",
                String.valueOf(entry.queueTimeSeconds()));
        return afterQueue(leg, action, actionMethod, params, result != QueueResult.LEAVE);
    }

    /** The caller left the queue: the Enqueue action gets QueueResult. */
    private Optional<Next> afterQueue(
            Leg leg, Optional<String> action, String method, Map<String, String> params, boolean callIsOver) {
        transcript.note(leg.who(), "leaves the queue: " + params.get("QueueResult"));
        if (action.isEmpty()) {
            return callIsOver ? Optional.of(new End(Ending.CALLER_HUNG_UP)) : Optional.empty();
        }
        var fetch = new Fetch(action.get(), method, params);
        if (!callIsOver) {
            return Optional.of(fetch);
        }
        fetcher.fetch(leg, fetch, Map.of());
        return Optional.of(new End(Ending.CALLER_HUNG_UP));
    }

    private QueueResult hold(Leg leg, LocalQueues.Entry entry, Element enqueue, TwimlDocument document) {
        Optional<String> waitUrl = Optional.of(enqueue.getAttribute("waitUrl"))
                .filter(url -> !url.isBlank())
                .map(document::resolve);
        String waitMethod = method(enqueue, "waitUrlMethod");
        boolean canAnswer = leg.line() == CallSimulator.Line.SUPPORT;
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
                case KEEP_WAITING -> {
                    entry.heldOneRound();
                    transcript.note(
                            leg.who(),
                            "keeps waiting: Twilio requests the waitUrl again (a round of hold" + " counts as "
                                    + LocalQueues.SECONDS_PER_HOLD_ROUND + " s)");
                }
                case HANG_UP -> {
                    transcript.does(leg.who(), "hangs up");
                    return QueueResult.HANGUP;
                }
                case ANSWER_AS_AGENT -> {
                    player.answerAsAgent();
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
                fetcher.fail(
                        leg, "simulator", "gave up after " + MAX_DOCUMENTS_PER_LEG + " waitUrl documents in one round");
                return Optional.of(QueueResult.ERROR);
            }
            Optional<TwimlDocument> document = fetcher.fetch(leg, fetch, queues.waitParams(entry));
            if (document.isEmpty()) {
                return Optional.of(QueueResult.ERROR);
            }
            next = player.play(leg, document.get(), Context.WAIT);
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
    Optional<Next> dial(Leg leg, Element verb, TwimlDocument document) {
        int timeout = integer(verb, "timeout", 30);
        Optional<Element> queueNoun = TwimlDocument.children(verb).stream()
                .filter(noun -> noun.getTagName().equals("Queue"))
                .findFirst();
        Optional<Element> numberNoun = TwimlDocument.children(verb).stream()
                .filter(noun -> noun.getTagName().equals("Number"))
                .findFirst();
        var result = new LinkedHashMap<String, String>();
        if (numberNoun.isPresent()) {
            result.putAll(numbers.ring(leg, verb, numberNoun.get(), document));
        } else if (queueNoun.isEmpty()) {
            transcript.note(
                    leg.who(),
                    "dialling " + describeDialTarget(verb) + " is not simulated: nobody answers within " + timeout
                            + " s");
            result.put("DialCallStatus", "no-answer");
        } else {
            String queue = queueNoun.get().getTextContent().trim();
            transcript.does(leg.who(), "dials queue '" + queue + "'");
            Optional<LocalQueues.Entry> waiting = queues.dequeue(queue);
            if (waiting.isEmpty()) {
                List<String> occupied = queues.occupied();
                transcript.note(
                        leg.who(),
                        "nobody waits in queue '" + queue + "' in this simulator session"
                                + (occupied.isEmpty() ? "" : " (callers wait in " + String.join(", ", occupied) + ")")
                                + ": the Dial times out after " + timeout + " s");
                if (occupied.isEmpty() && leg.line() == CallSimulator.Line.AGENT) {
                    transcript.note(
                            leg.who(),
                            "tip: run `call --line support` and press a while on hold to take that call here");
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

    /** Bridges an agent's Dial to the first waiting caller, as Twilio does (Queue url first, then the two talk). */
    private Map<String, String> bridge(Leg agent, LocalQueues.Entry entry, Element queueNoun, TwimlDocument document) {
        Leg caller = entry.leg();
        long queueTime = entry.queueTimeSeconds();
        Map<String, String> queueParams = Map.of(
                "QueueSid",
                entry.queueSid(),
                "QueueTime",
                String.valueOf(queueTime),
                "DequeingCallSid",
                agent.callSid());
        if (queueNoun.hasAttribute("url") && !queueNoun.getAttribute("url").isBlank()) {
            Next next =
                    new Fetch(document.resolve(queueNoun.getAttribute("url")), method(queueNoun, "method"), Map.of());
            for (int documents = 1; next instanceof Fetch fetch && documents <= MAX_DOCUMENTS_PER_LEG; documents++) {
                Optional<TwimlDocument> whisper = fetcher.fetch(caller, fetch, queueParams);
                if (whisper.isEmpty()) {
                    entry.markBridged();
                    fetcher.finish(caller, Ending.FAILED);
                    return Map.of("DialCallStatus", "failed", "QueueSid", entry.queueSid());
                }
                next = player.play(caller, whisper.get(), Context.BRIDGE);
            }
        }
        long talkStarted = System.nanoTime();
        transcript.does(
                agent.who(),
                "is connected to the caller (" + caller.callSid() + ") after " + queueTime + " s in queue '"
                        + entry.queue() + "'");
        keypad.whileBridged(caller.who(), agent.who());
        long talked = (System.nanoTime() - talkStarted) / 1_000_000_000L;
        transcript.does(caller.who(), "hangs up after talking to the agent for " + talked + " s");
        entry.markBridged();
        entry.actionUrl()
                .ifPresent(action -> fetcher.fetch(
                        caller,
                        new Fetch(
                                action,
                                entry.actionMethod(),
                                Map.of(
                                        "QueueResult",
                                        "bridged",
                                        "QueueSid",
                                        entry.queueSid(),
                                        "QueueTime",
                                        String.valueOf(queueTime))),
                        Map.of()));
        fetcher.finish(caller, Ending.CALLER_HUNG_UP);
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
        return nouns.isEmpty()
                ? dial.getTextContent().trim()
                : "<" + nouns.get(0).getTagName() + ">";
    }
}
