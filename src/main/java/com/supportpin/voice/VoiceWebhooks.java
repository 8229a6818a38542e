package com.supportpin.voice;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Route;

/** The HTTP side of the steps: valid TwiML within {@link #ANSWER_WITHIN} whatever fails, and one log line per webhook. */
public final class VoiceWebhooks implements AutoCloseable {

    /** The longest a caller waits: each statement has its own timeout, but a step runs several; this bounds the sum. */
    public static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);
    /** A step that has not committed by then rolls back: its answer would arrive too late to be heard. */
    static final Duration COMMIT_WITHIN = Duration.ofMillis(2200);
    /** Steps running at once; more are answered at once with the step's fallback. */
    private static final int MAX_RUNNING = 128;

    private static final Logger log = LoggerFactory.getLogger("webhook");
    private static final Pattern CALL_SID = Pattern.compile("^[A-Za-z0-9]{2,64}$");

    /** Receives one observation per webhook, for metrics. */
    public interface Observer {
        /** A step's answer, with the signed request it answered (for QueueTime, say). */
        void observed(TwilioRequest request, VoiceStep step, Outcome outcome, long nanos);

        /** A step got its route: its series can start at zero. */
        default void mounted(VoiceStep step) {}

        Observer NONE = (request, step, outcome, nanos) -> {};
    }

    private final Observer observer;
    private final ThreadPoolExecutor workers;

    public VoiceWebhooks(Observer observer) {
        this.observer = observer;
        var threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, MAX_RUNNING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            var thread = new Thread(task, "webhook-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Wraps a step as a Spark route. */
    public Route route(VoiceStep step) {
        observer.mounted(step);
        return (request, response) -> answer(step, request, response);
    }

    private String answer(VoiceStep step, Request request, Response response) {
        long started = System.nanoTime();
        TwilioRequest verified = request.attribute(TwilioSignatureFilter.VERIFIED_REQUEST);
        TwilioRequest twilio = verified != null ? verified : new TwilioRequest(request.pathInfo(), Map.of());
        VoiceStep.StepResult result;
        if (!CALL_SID.matcher(twilio.callSid()).matches()) {
            result = VoiceStep.StepResult.of(step.onError(twilio), WebhookFailure.BAD_REQUEST);
        } else {
            result = runInTime(step, twilio, started);
        }
        long nanos = System.nanoTime() - started;
        String callSid = safe(twilio.callSid());
        String latency = millis(nanos);
        log.atInfo()
                .addKeyValue("callSid", callSid)
                .addKeyValue("step", step.name())
                .addKeyValue("outcome", result.outcome().metricName())
                .addKeyValue("latencyMs", latency)
                .log(
                        "callSid={} step={} outcome={} latencyMs={}",
                        callSid,
                        step.name(),
                        result.outcome().metricName(),
                        latency);
        observer.observed(twilio, step, result.outcome(), nanos);
        return TwimlWriter.write(response, result.twiml());
    }

    /** Runs the step on a worker so that a hung database cannot keep the caller waiting past the limit. */
    private VoiceStep.StepResult runInTime(VoiceStep step, TwilioRequest twilio, long started) {
        long commitBy = started + COMMIT_WITHIN.toNanos();
        Future<VoiceStep.StepResult> running;
        try {
            running = workers.submit(() -> StepDeadline.runBefore(commitBy, () -> step.handle(twilio)));
        } catch (RejectedExecutionException e) {
            log.warn("callSid={} step={} not run: too many steps running", safe(twilio.callSid()), step.name());
            return VoiceStep.StepResult.of(step.onError(twilio), WebhookFailure.OVERLOADED);
        }
        try {
            long remaining = ANSWER_WITHIN.toNanos() - (System.nanoTime() - started);
            return running.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            log.error(
                    "callSid={} step={} timed out after {} ms",
                    safe(twilio.callSid()),
                    step.name(),
                    ANSWER_WITHIN.toMillis());
            return VoiceStep.StepResult.of(step.onError(twilio), WebhookFailure.TIMEOUT);
        } catch (ExecutionException e) {
            log.error("callSid={} step={} failed: {}", safe(twilio.callSid()), step.name(), describe(e.getCause()));
            return VoiceStep.StepResult.of(step.onError(twilio), WebhookFailure.ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return VoiceStep.StepResult.of(step.onError(twilio), WebhookFailure.ERROR);
        }
    }

    /** Stops the workers once the HTTP server has drained; steps still running get a moment to finish. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The exception's class chain and PostgreSQL's message and SQLSTATE; Jdbi's full messages quote bound arguments. */
    static String describe(Throwable error) {
        var text = new StringBuilder(error.getClass().getSimpleName());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName());
            if (cause instanceof PSQLException psql) {
                text.append(" [").append(psql.getSQLState());
                if (psql.getServerErrorMessage() != null) {
                    text.append(": ").append(psql.getServerErrorMessage().getMessage());
                }
                text.append(']');
            }
        }
        return text.toString();
    }

    /** Milliseconds with one decimal, as String.format("%.1f") gives, at a fraction of its cost. */
    static String millis(long nanos) {
        long tenths = Math.round(nanos / 1e5);
        return tenths / 10 + "." + tenths % 10;
    }

    private static String safe(String callSid) {
        return CALL_SID.matcher(callSid).matches() ? callSid : "invalid";
    }
}
