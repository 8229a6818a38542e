package com.supportpin.simulator;

import java.util.Optional;

/** Where the simulated callers' keys and choices come from: the keyboard, or a script of answers. */
public interface Keypad {

    /** What a caller waiting in a queue does after each round of hold. */
    enum QueueChoice { KEEP_WAITING, ANSWER_AS_AGENT, HANG_UP }

    /**
     * The keys pressed for one Gather: an empty string is silence (the Gather times out), an empty
     * Optional means the caller hangs up instead.
     */
    Optional<String> keys(String who, String hint);

    /** The choice of a caller on hold; {@code canAnswer} when the agent line can take this call. */
    QueueChoice whileQueued(String who, String queue, boolean canAnswer);

    /**
     * Asked when a leg has run several documents without a prompt (an agent line polling for callers,
     * say): true to stay on the line, false to hang up.
     */
    boolean stillThere(String who);

    /** Whether the phone at {@code number}, rung by an agent's Dial, is answered. */
    boolean picksUp(String who, String number);

    /** Returns when the bridged call should end. */
    void whileBridged(String caller, String agent);
}
