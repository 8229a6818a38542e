package com.supportpin.contact;

/** Sign-ins share one bounded hashing executor; the agent line has its own one-thread one (README, "Sign-in floods"). */
public record HashingExecutors(HashingExecutor signIns, HashingExecutor agentLine) implements AutoCloseable {

    public static HashingExecutors of(int signInThreads, int queueLength) {
        return new HashingExecutors(
                new HashingExecutor("hash-sign-in", signInThreads, queueLength),
                new HashingExecutor("hash-agent-line", 1, queueLength));
    }

    @Override
    public void close() {
        signIns.close();
        agentLine.close();
    }
}
