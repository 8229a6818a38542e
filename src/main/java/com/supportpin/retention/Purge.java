package com.supportpin.retention;

import com.supportpin.agent.console.AgentSessions;
import com.supportpin.pin.GuessCaps;
import com.supportpin.web.Sessions;
import com.supportpin.web.SignInThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes records past their retention ({@link PurgeKind}), one instance at a time, in small batches. */
public final class Purge implements AutoCloseable {

    /** How often the service purges. */
    public static final Duration INTERVAL = Duration.ofMinutes(5);
    /** Rows per statement: small enough to take milliseconds. */
    static final int BATCH = 500;
    /** At most this many batches per kind and run; a backlog is worked off over the next runs. */
    static final int MAX_BATCHES = 200;
    /** A pause between full batches, so that the purge leaves the database to the webhooks. */
    private static final Duration BATCH_PAUSE = Duration.ofMillis(20);
    /** Ended PINs stay this long after their expiry, so the customer's page can still say "used at 10:42". */
    public static final Duration ENDED_PINS_KEPT = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(Purge.class);

    /** Receives the rows purged per kind, for metrics. */
    @FunctionalInterface
    public interface Observer {
        void purged(String kind, long rows);
    }

    /** The instants before which each kind of row no longer matters; bound into {@link PurgeDao}'s statements. */
    public record Cutoffs(
            Instant now,
            Instant callsBefore,
            Instant auditBefore,
            Instant sessionIdleBefore,
            Instant sessionAbsoluteBefore,
            Instant agentSessionIdleBefore,
            Instant agentSessionAbsoluteBefore,
            Instant pinEndedBefore,
            Instant signInFailuresBefore,
            Instant guardFailuresBefore) {

        static Cutoffs at(Instant now, Duration callsKept, Duration auditKept) {
            return new Cutoffs(
                    now,
                    now.minus(callsKept),
                    now.minus(auditKept),
                    now.minus(Sessions.IDLE_TIMEOUT),
                    now.minus(Sessions.ABSOLUTE_TIMEOUT),
                    now.minus(AgentSessions.IDLE_TIMEOUT),
                    now.minus(AgentSessions.ABSOLUTE_TIMEOUT),
                    now.minus(ENDED_PINS_KEPT),
                    now.minus(SignInThrottle.WINDOW),
                    now.minus(GuessCaps.FAILURES_FORGOTTEN_AFTER));
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration callsKept;
    private final Duration auditKept;
    private final Observer observer;
    private ScheduledExecutorService schedule;

    /** Keeps call records {@code callsKept} (RETENTION_CALLS) and the audit {@code auditKept} (RETENTION_AUDIT). */
    public Purge(Jdbi jdbi, Clock clock, Duration callsKept, Duration auditKept, Observer observer) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.callsKept = callsKept;
        this.auditKept = auditKept;
        this.observer = observer;
    }

    /** What a purge now would delete, per kind; deletes nothing. */
    public Map<PurgeKind, Long> dryRun() {
        Cutoffs cutoffs = Cutoffs.at(clock.instant(), callsKept, auditKept);
        return jdbi.withExtension(PurgeDao.class, purge -> {
            var counts = new EnumMap<PurgeKind, Long>(PurgeKind.class);
            for (PurgeKind kind : PurgeKind.values()) {
                counts.put(kind, purge.count(kind.table(), kind.condition(), cutoffs));
            }
            return counts;
        });
    }

    /** Purges every kind once under the advisory lock; empty when another instance is purging. */
    public Optional<Map<PurgeKind, Long>> runOnce() {
        return jdbi.withHandle(handle -> {
            PurgeDao purge = handle.attach(PurgeDao.class);
            if (!purge.tryLock()) {
                return Optional.empty();
            }
            try {
                Cutoffs cutoffs = Cutoffs.at(clock.instant(), callsKept, auditKept);
                var deleted = new EnumMap<PurgeKind, Long>(PurgeKind.class);
                for (PurgeKind kind : PurgeKind.values()) {
                    long rows = purgeKind(purge, kind, cutoffs);
                    deleted.put(kind, rows);
                    if (rows > 0) {
                        observer.purged(kind.table(), rows);
                    }
                }
                return Optional.of(deleted);
            } finally {
                purge.unlock();
            }
        });
    }

    private static long purgeKind(PurgeDao purge, PurgeKind kind, Cutoffs cutoffs) {
        long total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int rows = purge.deleteBatch(kind.table(), kind.condition(), cutoffs, BATCH);
            total += rows;
            if (rows < BATCH) {
                break;
            }
            pause();
        }
        return total;
    }

    /** Purges every {@link #INTERVAL} on a thread of its own, starting one interval from now. */
    public void startSchedule() {
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "purge");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(
                this::runLogged, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            runOnce()
                    .ifPresentOrElse(
                            deleted -> {
                                long total = deleted.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum();
                                if (total > 0) {
                                    log.info("purged {} rows: {}", total, deleted);
                                }
                            },
                            () -> log.debug("another instance is purging; skipped"));
        } catch (RuntimeException e) {
            // The next round tries again; a database outage must not end the schedule.
            log.warn(
                    "purge failed, trying again in {}: {}",
                    INTERVAL,
                    e.getClass().getSimpleName());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BATCH_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
