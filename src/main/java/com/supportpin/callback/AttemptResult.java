package com.supportpin.callback;

import java.util.Arrays;
import java.util.Optional;

/** How one call placed to a customer ended. Only {@link #REACHED} reaches them. */
public enum AttemptResult {
    /** The customer pressed 1 and was connected to the agent. */
    REACHED("reached"),
    /** Someone or something answered but did not press 1 (another key, or a voicemail greeting). */
    DECLINED("declined"),
    NO_ANSWER("no-answer"),
    BUSY("busy"),
    FAILED("failed"),
    /** The agent hung up while it rang. */
    CANCELED("canceled"),
    /** Twilio's answer never arrived (a lost webhook): the attempt expired. */
    NO_RESULT("no-result");

    private final String word;

    AttemptResult(String word) {
        this.word = word;
    }

    /** The word stored in the database, used in metrics and shown in the console. */
    public String word() {
        return word;
    }

    /** The result of a Dial that ended without a press of 1, from DialCallStatus; undocumented statuses are no result. */
    static AttemptResult notReached(String dialCallStatus, boolean answered) {
        return switch (dialCallStatus) {
            case "completed", "answered" -> answered ? DECLINED : NO_RESULT;
            case "no-answer" -> answered ? DECLINED : NO_ANSWER;
            case "busy" -> BUSY;
            case "failed" -> FAILED;
            case "canceled" -> CANCELED;
            default -> answered ? DECLINED : NO_RESULT;
        };
    }

    static Optional<AttemptResult> of(String word) {
        return Arrays.stream(values())
                .filter(result -> result.word.equals(word))
                .findFirst();
    }
}
