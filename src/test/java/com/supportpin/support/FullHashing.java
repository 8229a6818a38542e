package com.supportpin.support;

import com.supportpin.contact.HashingExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fills a hashing executor deterministically: every place is reserved here, in the test's thread, and
 * each runs (or waits in the queue with) work that blocks until {@link #close()}. While it is open, the
 * executor refuses every reservation, whatever the timing.
 */
public final class FullHashing implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<CompletableFuture<Void>> holders = new ArrayList<>();
    private final int places;

    private FullHashing(HashingExecutor executor) {
        var slots = new ArrayList<HashingExecutor.Slot>();
        for (var slot = executor.reserve(); slot.isPresent(); slot = executor.reserve()) {
            slots.add(slot.get());
        }
        places = slots.size();
        for (HashingExecutor.Slot slot : slots) {
            var holder = new CompletableFuture<Void>();
            holders.add(holder);
            var thread = new Thread(
                    () -> {
                        slot.call(() -> {
                            try {
                                release.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return null;
                        });
                        holder.complete(null);
                    },
                    "full-hashing");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Takes every place of {@code executor} until closed. */
    public static FullHashing fill(HashingExecutor executor) {
        return new FullHashing(executor);
    }

    /** How many places were taken: the executor's threads plus its queue length. */
    public int places() {
        return places;
    }

    /** Lets the blocking work end and waits until every place is free again. */
    @Override
    public void close() {
        release.countDown();
        holders.forEach(CompletableFuture::join);
    }
}
