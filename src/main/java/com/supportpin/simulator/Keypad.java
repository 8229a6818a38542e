package com.supportpin.simulator;

import java.util.Optional;

/** Where the simulated callers' keys and choices come from: the keyboard, or a script of answers. */
public interface Keypad {

    /** What a caller waiting in a queue does after each round of hold. */
    enum QueueChoice {
        KEEP_WAITING,
        ANSWER_AS_AGENT,
        HANG_UP
    }

    /** The keys for one Gather: empty is silence, an empty Optional hangs up. */
    Optional<String> keys(String who, String hint);

    /** The choice of a caller on hold; {@code canAnswer} when the agent line can take this call. */
    QueueChoice whileQueued(String who, String queue, boolean canAnswer);

    /** Whether to stay on a line that has run several documents without a prompt. */
    boolean stillThere(String who);

    /** Whether the phone at {@code number}, rung by an agent's Dial, is answered. */
    boolean picksUp(String who, String number);

    /** Returns when the bridged call should end. */
    void whileBridged(String caller, String agent);
}
