package com.supportpin.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/** Answers from a script such as {@code "1001#,0427,a,7001#"} (README, "Try it without Twilio"). */
public final class ScriptedKeypad implements Keypad {

    private final Deque<String> answers;

    public ScriptedKeypad(String script) {
        this.answers = new ArrayDeque<>(Arrays.asList(script.split(",", -1)));
    }

    @Override
    public Optional<String> keys(String who, String hint) {
        return Optional.ofNullable(answers.pollFirst()).map(String::trim);
    }

    @Override
    public QueueChoice whileQueued(String who, String queue, boolean canAnswer) {
        String answer = answers.pollFirst();
        if (answer == null) {
            return QueueChoice.HANG_UP;
        }
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "" -> QueueChoice.KEEP_WAITING;
            case "a", "agent" -> canAnswer ? QueueChoice.ANSWER_AS_AGENT : QueueChoice.KEEP_WAITING;
            case "h", "hangup" -> QueueChoice.HANG_UP;
            default ->
                throw new IllegalArgumentException("the script says '" + answer.trim() + "' while the " + who
                        + " is on hold: use a (answer as an agent), h (hang up) or nothing (keep waiting)");
        };
    }

    /** The next element decides: empty stays on the line, h hangs up; so does the end of the script. */
    @Override
    public boolean stillThere(String who) {
        String answer = answers.pollFirst();
        if (answer == null) {
            return false;
        }
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "" -> true;
            case "h", "hangup" -> false;
            default ->
                throw new IllegalArgumentException("the script says '" + answer.trim() + "' while the " + who
                        + " hears no prompt: use h (hang up) or nothing (stay on the line)");
        };
    }

    /** The next element decides: empty answers, n lets it ring out; so does the end of the script. */
    @Override
    public boolean picksUp(String who, String number) {
        String answer = answers.pollFirst();
        if (answer == null) {
            return false;
        }
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "" -> true;
            case "n", "no-answer" -> false;
            default ->
                throw new IllegalArgumentException("the script says '" + answer.trim() + "' while the " + who
                        + "'s phone rings: use n (no answer) or nothing (answer)");
        };
    }

    @Override
    public void whileBridged(String caller, String agent) {
        // a scripted bridged call ends at once
    }
}
