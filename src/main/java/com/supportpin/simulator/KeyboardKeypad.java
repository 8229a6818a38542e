package com.supportpin.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/** Reads keys from a terminal, one line per Gather; an empty line is silence, end of input hangs up. */
public final class KeyboardKeypad implements Keypad {

    private final BufferedReader in;
    private final PrintStream out;

    public KeyboardKeypad(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Optional<String> keys(String who, String hint) {
        out.print(Transcript.label(who) + " your keys (" + hint + "; Enter alone = silence)> ");
        out.flush();
        return Optional.ofNullable(readLine()).map(String::trim);
    }

    @Override
    public QueueChoice whileQueued(String who, String queue, boolean canAnswer) {
        while (true) {
            out.print(Transcript.label(who) + " on hold in '" + queue + "'. Enter: keep waiting"
                    + (canAnswer ? ", a: take this call on the agent line" : "") + ", h: hang up> ");
            out.flush();
            String line = readLine();
            if (line == null) {
                return QueueChoice.HANG_UP;
            }
            switch (line.trim().toLowerCase(Locale.ROOT)) {
                case "" -> {
                    return QueueChoice.KEEP_WAITING;
                }
                case "a" -> {
                    if (canAnswer) {
                        return QueueChoice.ANSWER_AS_AGENT;
                    }
                }
                case "h" -> {
                    return QueueChoice.HANG_UP;
                }
                default -> {}
            }
            out.println("  (type a or h, or just press Enter)");
        }
    }

    @Override
    public boolean stillThere(String who) {
        out.print(Transcript.label(who) + " no prompt for a while. Enter: stay on the line, h: hang up> ");
        out.flush();
        String line = readLine();
        return line != null && !line.trim().equalsIgnoreCase("h");
    }

    @Override
    public boolean picksUp(String who, String number) {
        out.print(Transcript.label(who) + " the phone " + number + " rings. Enter: answer, n: let it ring> ");
        out.flush();
        String line = readLine();
        return line != null && !line.trim().equalsIgnoreCase("n");
    }

    @Override
    public void whileBridged(String caller, String agent) {
        out.print(Transcript.label(agent) + " you are talking to the caller. Press Enter to end the call> ");
        out.flush();
        readLine();
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyboard", e);
        }
    }
}
