package com.supportpin.simulator;

import java.io.PrintStream;

/** What each leg of the simulated call hears and does, one line each, labelled by leg. */
final class Transcript {

    private final PrintStream out;

    Transcript(PrintStream out) {
        this.out = out;
    }

    /** "[caller]" or "[agent] ", padded so the two legs' lines align. */
    static String label(String who) {
        String label = "[" + who + "]";
        return label.length() >= 8 ? label : label + " ".repeat(8 - label.length());
    }

    void hears(String who, String what) {
        line(who, "hears: " + what);
    }

    void does(String who, String what) {
        line(who, what);
    }

    void request(String who, String method, String url) {
        line(who, "-> " + method + " " + url);
    }

    void note(String who, String what) {
        line(who, "(" + what + ")");
    }

    void error(String who, String what) {
        line(who, "!! " + what);
    }

    private void line(String who, String text) {
        out.println(label(who) + " " + text);
        out.flush();
    }
}
