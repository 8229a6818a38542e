package com.supportpin.contact;

/** Sign-ins share one bounded hashing executor; the agent line has its own one-thread one (README, "Sign-in floods"). */
public record HashingExecutors(HashingExecutor signIns, HashingExecutor agentLine) implements AutoCloseable {

    /**
     * The agent line's waiting places. Agents are few, and a passcode check waits inside its call's transaction,
     * holding a database connection, so its queue stays short whatever the sign-ins' queue is.
     */
    public static final int AGENT_LINE_QUEUE = 2;

    public static HashingExecutors of(int signInThreads, int signInQueue) {
        return new HashingExecutors(
                new HashingExecutor("hash-sign-in", signInThreads, signInQueue),
                new HashingExecutor("hash-agent-line", 1, AGENT_LINE_QUEUE));
    }

    /** Request threads that may be held at once by work on, or waiting for, these executors. */
    public int places() {
        return signIns.threads() + signIns.queueLength() + agentLine.threads() + agentLine.queueLength();
    }

    @Override
    public void close() {
        signIns.close();
        agentLine.close();
    }
}
