package com.supportpin.contact;

/**
 * Sign-ins share one bounded hashing executor; the agent line's passcode step has its own (one thread,
 * agents sign in once a shift), so a flood of web sign-ins never delays an agent on the phone.
 */
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
