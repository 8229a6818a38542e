package com.supportpin.contact;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Password hashing on threads of its own with a short bounded queue: when full, callers answer "busy" at once. */
public final class HashingExecutor implements AutoCloseable {

    /** What a refused caller sends as Retry-After: the queue drains in well under a second. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** A reserved place on the executor: run one piece of hashing work in it, then close it. */
    public final class Slot implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot() {}

        /** Runs {@code work} on a hashing thread and waits for it; the place is given back when it ends. */
        public <T> T call(Supplier<T> work) {
            if (!held.get()) {
                throw new IllegalStateException("this slot was already used or given back");
            }
            Future<T> running;
            try {
                running = pool.submit(() -> {
                    try {
                        return work.get();
                    } finally {
                        computed.increment();
                        release();
                    }
                });
            } catch (RejectedExecutionException e) {
                release();
                throw e;
            }
            try {
                return running.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a password hash", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Gives the place back when it was not used. */
        @Override
        public void close() {
            release();
        }

        private void release() {
            if (held.compareAndSet(true, false)) {
                places.release();
            }
        }
    }

    private final String name;
    private final int threads;
    private final int queueLength;
    private final Semaphore places;
    private final ThreadPoolExecutor pool;
    private final LongAdder computed = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /** {@code threads} hashing threads and {@code queueLength} places to wait; the semaphore bounds the pool's queue. */
    public HashingExecutor(String name, int threads, int queueLength) {
        if (threads < 1 || queueLength < 0) {
            throw new IllegalArgumentException("threads must be at least 1 and the queue length at least 0");
        }
        this.name = name;
        this.threads = threads;
        this.queueLength = queueLength;
        this.places = new Semaphore(threads + queueLength);
        var counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            var thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A place for one piece of work, or empty (counted as refused) when threads and queue are all taken. */
    public Optional<Slot> reserve() {
        if (places.tryAcquire()) {
            return Optional.of(new Slot());
        }
        refused.increment();
        return Optional.empty();
    }

    public String name() {
        return name;
    }

    public int threads() {
        return threads;
    }

    public int queueLength() {
        return queueLength;
    }

    /** Places reserved now: work running on a hashing thread or waiting for one. */
    public int placesTaken() {
        return threads + queueLength - places.availablePermits();
    }

    /** Pieces of hashing work run to the end since start. */
    public long computed() {
        return computed.sum();
    }

    /** Reservations refused because the executor was full. */
    public long refused() {
        return refused.sum();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
