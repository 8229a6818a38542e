package com.supportpin.simulator;

import java.util.Locale;
import org.w3c.dom.Element;

/** Reading a TwiML verb's attributes as Twilio does: defaults for missing, blank or malformed values. */
final class Verbs {

    private Verbs() {}

    /** An HTTP method attribute, POST when absent. */
    static String method(Element verb, String attribute) {
        return attribute(verb, attribute, "POST").toUpperCase(Locale.ROOT);
    }

    static String attribute(Element verb, String name, String fallback) {
        return verb.hasAttribute(name) && !verb.getAttribute(name).isBlank()
                ? verb.getAttribute(name).trim()
                : fallback;
    }

    static int integer(Element verb, String name, int fallback) {
        try {
            return verb.hasAttribute(name)
                    ? Integer.parseInt(verb.getAttribute(name).trim())
                    : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** How the transcript tells a verb's loop attribute. */
    static String repeats(int loop) {
        return loop == 1 ? "" : loop == 0 ? " (repeated until something else happens)" : " (" + loop + " times)";
    }
}
