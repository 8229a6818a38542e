package com.supportpin.simulator;

import static com.supportpin.simulator.CallSimulator.CUSTOMER;
import static com.supportpin.simulator.CallSimulator.MAX_DOCUMENTS_PER_LEG;
import static com.supportpin.simulator.Verbs.attribute;
import static com.supportpin.simulator.Verbs.integer;
import static com.supportpin.simulator.Verbs.method;

import com.supportpin.simulator.Flow.Context;
import com.supportpin.simulator.Flow.End;
import com.supportpin.simulator.Flow.Ending;
import com.supportpin.simulator.Flow.Fetch;
import com.supportpin.simulator.Flow.Next;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/** Twilio's {@code <Dial><Number url=…>}: the simulator plays the called phone too. */
final class NumberDial {

    private final Keypad keypad;
    private final Transcript transcript;
    private final Fetcher fetcher;
    private final Queueing.Player player;

    NumberDial(Keypad keypad, Transcript transcript, Fetcher fetcher, Queueing.Player player) {
        this.keypad = keypad;
        this.transcript = transcript;
        this.fetcher = fetcher;
        this.player = player;
    }

    /** Rings the number of {@code noun} from {@code caller}'s call; returns the Dial action's parameters. */
    Map<String, String> ring(Leg caller, Element dial, Element noun, TwimlDocument document) {
        String number = noun.getTextContent().trim();
        String callerId = attribute(dial, "callerId", caller.standardParams().get("To"));
        transcript.does(caller.who(), "dials " + number + " (caller ID " + callerId + ")");
        if (!keypad.picksUp(CUSTOMER, number)) {
            transcript.does(
                    CUSTOMER, "does not answer: after " + integer(dial, "timeout", 30) + " s the Dial gives up");
            return Map.of("DialCallStatus", "no-answer");
        }
        Leg customer = caller.dials(callerId, number);
        customer.answered();
        transcript.does(CUSTOMER, "answers " + number + " (CallSid " + customer.callSid() + ")");
        Next next = noun.hasAttribute("url") && !noun.getAttribute("url").isBlank()
                ? new Fetch(document.resolve(noun.getAttribute("url")), method(noun, "method"), Map.of())
                : new End(Ending.DOCUMENT_ENDED);
        for (int documents = 1; next instanceof Fetch fetch && documents <= MAX_DOCUMENTS_PER_LEG; documents++) {
            Optional<TwimlDocument> screen = fetcher.fetch(customer, fetch, Map.of());
            next = screen.isEmpty() ? new End(Ending.FAILED) : player.play(customer, screen.get(), Context.NUMBER);
        }
        var result = new LinkedHashMap<String, String>();
        result.put("DialCallSid", customer.callSid());
        Ending ending = next instanceof End end ? end.ending() : Ending.FAILED;
        if (ending != Ending.DOCUMENT_ENDED) {
            transcript.note(CUSTOMER, "the call ends before the two are connected");
            result.put("DialCallStatus", ending == Ending.FAILED ? "failed" : "completed");
            result.put("DialBridged", "false");
            return result;
        }
        long talkStarted = System.nanoTime();
        transcript.does(caller.who(), "is connected to " + number);
        keypad.whileBridged(CUSTOMER, caller.who());
        transcript.does(CUSTOMER, "hangs up");
        result.put("DialCallStatus", "completed");
        result.put("DialCallDuration", String.valueOf((System.nanoTime() - talkStarted) / 1_000_000_000L));
        result.put("DialBridged", "true");
        return result;
    }
}
