package com.supportpin.callback;

import java.util.Arrays;
import java.util.Locale;

/** Where a callback stands. The first three are open; the rest close it for good. */
public enum CallbackState {
    /** Due for an agent once its next attempt time has come. */
    WAITING,
    /** Offered to one agent call, which may press 1 to call or 2 to skip, until the offer expires. */
    OFFERED,
    /** An agent call is dialling the customer, until the attempt's result comes or it expires. */
    CALLING,
    /** The customer pressed 1 and was connected. */
    REACHED,
    /** Not reached in CALLBACK_MAX_ATTEMPTS attempts. */
    UNREACHED,
    /** An agent marked it handled (called back some other way, say). */
    HANDLED,
    /** An agent cancelled it. */
    CANCELLED;

    /** The word stored in {@code callback_request.state} and shown in the console. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean open() {
        return this == WAITING || this == OFFERED || this == CALLING;
    }

    static CallbackState of(String word) {
        return Arrays.stream(values())
                .filter(state -> state.word().equals(word))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown callback state " + word));
    }
}
