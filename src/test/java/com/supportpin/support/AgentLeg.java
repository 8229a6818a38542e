package com.supportpin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.voice.VoicePaths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Plays Twilio on an agent's call: follows each document the agent line answers (Redirect, Pause, Gather
 * with scripted keys, Dial), with a model of what Twilio really holds: who waits in which of its queues,
 * and how each customer's phone answers a callback. Every webhook is a signed POST to the real server.
 * It records the agent call's trace (dials, bridges, pauses) so a test can check how the line behaved.
 */
public final class AgentLeg {

    /** How a customer's phone answers a callback's Dial. */
    public enum Phone {
        PRESSES_ONE,
        PRESSES_ANOTHER_KEY,
        VOICEMAIL,
        NO_ANSWER,
        BUSY
    }

    /** What happened on the agent's call, in order. */
    public enum Event {
        DIAL,
        BRIDGE,
        PAUSE
    }

    /** Twilio's own queues: who is really waiting, whatever the app's records say. */
    private final Map<String, Deque<FakeTwilio.Call>> queues = new HashMap<>();

    private final Map<String, Phone> phones = new HashMap<>();
    private final Deque<String> keys = new ArrayDeque<>();
    private final List<Event> trace = new ArrayList<>();
    private final List<String> documents = new ArrayList<>();
    private final List<String> connected = new ArrayList<>();
    private final FakeTwilio twilio;
    private final MutableClock clock;
    private final FakeTwilio.AgentCall agent;

    public AgentLeg(FakeTwilio twilio, MutableClock clock, FakeTwilio.AgentCall agent) {
        this.twilio = twilio;
        this.clock = clock;
        this.agent = agent;
    }

    /** Twilio holds this caller in this queue (whatever the app recorded). */
    public AgentLeg waiting(String queue, FakeTwilio.Call caller) {
        queues.computeIfAbsent(queue, name -> new ArrayDeque<>()).add(caller);
        return this;
    }

    /** How the phone at this number answers a callback. */
    public AgentLeg phone(String number, Phone behaviour) {
        phones.put(number, behaviour);
        return this;
    }

    /** Keys the agent presses at the next Gathers, in order; when they run out, every Gather times out. */
    public AgentLeg keys(String... pressed) {
        keys.addAll(List.of(pressed));
        return this;
    }

    /** Signs in and follows the documents until the agent hangs up, or {@code maxDocuments} were answered. */
    public AgentLeg run(String code, String passcode, int maxDocuments) {
        return follow(agent.signIn(code, passcode).body(), maxDocuments);
    }

    /** Follows the documents from {@code first}. */
    public AgentLeg follow(String first, int maxDocuments) {
        String document = first;
        for (int count = 0; document != null && count < maxDocuments; count++) {
            documents.add(document);
            document = play(document);
        }
        return this;
    }

    public List<Event> trace() {
        return List.copyOf(trace);
    }

    public List<String> documents() {
        return List.copyOf(documents);
    }

    /** CallSids (or numbers, for callbacks) of the callers the agent talked to, in order. */
    public List<String> connected() {
        return List.copyOf(connected);
    }

    /** The line's promise: between two Dials of one agent call there is a bridge or a pause. */
    public void assertAtMostOneDialPerBridgeOrPause() {
        boolean dialWithoutBridgeOrPause = false;
        for (Event event : trace) {
            switch (event) {
                case DIAL -> {
                    assertThat(dialWithoutBridgeOrPause)
                            .as("two Dials in a row without a bridge or a pause: %s", trace)
                            .isFalse();
                    dialWithoutBridgeOrPause = true;
                }
                case BRIDGE, PAUSE -> dialWithoutBridgeOrPause = false;
            }
        }
    }

    /** Runs one document; returns the next one, or null when the agent's call is over. */
    private String play(String xml) {
        Twiml.strict(xml);
        for (Element verb : Twiml.children(Twiml.parse(xml).getDocumentElement())) {
            switch (verb.getTagName()) {
                case "Pause" -> {
                    trace.add(Event.PAUSE);
                    clock.advance(Duration.ofSeconds(Long.parseLong(verb.getAttribute("length"))));
                }
                case "Redirect" -> {
                    return agent.post(verb.getTextContent().trim(), Map.of()).body();
                }
                case "Gather" -> {
                    // Keys go to the action; without keys the Gather times out and the next verb runs.
                    if (!keys.isEmpty()) {
                        return agent.post(verb.getAttribute("action"), Map.of("Digits", keys.poll()))
                                .body();
                    }
                }
                case "Dial" -> {
                    trace.add(Event.DIAL);
                    Element noun = Twiml.children(verb).get(0);
                    Map<String, String> result = noun.getTagName().equals("Queue")
                            ? dialQueue(noun.getTextContent().trim())
                            : dialNumber(noun.getTextContent().trim(), noun.getAttribute("url"));
                    return agent.post(verb.getAttribute("action"), result).body();
                }
                case "Hangup" -> {
                    return hangUp();
                }
                default -> {}
            }
        }
        return hangUp();
    }

    private Map<String, String> dialQueue(String queue) {
        FakeTwilio.Call caller = queues.getOrDefault(queue, new ArrayDeque<>()).poll();
        if (caller == null) {
            // Dial waits on an empty queue until its timeout (30 s), then reports that nobody answered.
            clock.advance(Duration.ofSeconds(30));
            return Map.of("DialCallStatus", "no-answer");
        }
        caller.dequeuedBy(agent, 60);
        trace.add(Event.BRIDGE);
        connected.add(caller.callSid());
        clock.advance(Duration.ofMinutes(3));
        caller.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "60"));
        return Map.of("DialCallStatus", "completed", "DialCallSid", caller.callSid(), "DialBridged", "true");
    }

    private Map<String, String> dialNumber(String number, String url) {
        Phone phone = phones.getOrDefault(number, Phone.NO_ANSWER);
        if (phone == Phone.NO_ANSWER || phone == Phone.BUSY) {
            clock.advance(Duration.ofSeconds(phone == Phone.BUSY ? 2 : 20));
            return Map.of("DialCallStatus", phone == Phone.BUSY ? "busy" : "no-answer");
        }
        String leg = FakeTwilio.newCallSid();
        var customer = twilio.existingCall(leg, TestServer.SUPPORT_LINE_NUMBER);
        Map<String, String> legParams =
                Map.of("To", number, "Called", number, "Direction", "outbound-dial", "ParentCallSid", agent.callSid());
        String answer = customer.post(url, legParams).body();
        var result = new LinkedHashMap<String, String>();
        result.put("DialCallSid", leg);
        result.put("DialCallStatus", "completed");
        if (phone == Phone.VOICEMAIL) {
            clock.advance(Duration.ofSeconds(30));
            result.put("DialBridged", "false");
            return result;
        }
        var pressed = new LinkedHashMap<>(legParams);
        pressed.put("Digits", phone == Phone.PRESSES_ONE ? "1" : "9");
        String afterPress = customer.post(Twiml.attribute(answer, "Gather", "action"), pressed)
                .body();
        boolean bridged = !afterPress.contains("<Hangup");
        if (bridged) {
            trace.add(Event.BRIDGE);
            connected.add(number);
            clock.advance(Duration.ofMinutes(3));
        }
        result.put("DialBridged", String.valueOf(bridged));
        return result;
    }

    private String hangUp() {
        agent.post(AgentLinePaths.VOICE_AGENT_STATUS, Map.of("CallStatus", "completed"));
        return null;
    }
}
