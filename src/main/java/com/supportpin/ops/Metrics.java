package com.supportpin.ops;

import com.supportpin.contact.HashingExecutor;
import com.supportpin.voice.CallOutcome;
import com.supportpin.voice.Outcome;
import com.supportpin.voice.QueueExitOutcome;
import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.UnverifiedReason;
import com.supportpin.voice.VoiceStep;
import com.supportpin.voice.VoiceWebhooks;
import com.supportpin.voice.WebhookFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The Prometheus metrics; every tag from a closed set, so hostile input cannot add series (README, "Metrics"). */
public final class Metrics implements VoiceWebhooks.Observer {

    /** Prometheus's text format, as /metrics answers it. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** The steps that have a route: step tags come from this closed set. */
    private final Set<String> steps = ConcurrentHashMap.newKeySet();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Series exist from the start at zero, so rates and alerts work before the first event.
        Stream.concat(
                        Arrays.stream(CallOutcome.values()).flatMap(outcome -> outcome.verification().stream()),
                        Arrays.stream(UnverifiedReason.values()).map(UnverifiedReason::metricName))
                .distinct()
                .forEach(this::verifications);
        Arrays.stream(CallOutcome.values())
                .flatMap(outcome -> outcome.pinCheck().stream())
                .distinct()
                .forEach(this::pinChecks);
        lockouts();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The current values in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void mounted(VoiceStep step) {
        steps.add(step.name());
        webhookTimer(step.name());
    }

    @Override
    public void observed(TwilioRequest request, VoiceStep step, Outcome outcome, long nanos) {
        String stepTag = steps.contains(step.name()) ? step.name() : "other";
        webhookTimer(stepTag).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("ivr.webhook.outcomes")
                .description("Answered webhooks by step and outcome")
                .tag("step", stepTag)
                .tag("outcome", outcome.metricName())
                .register(registry)
                .increment();

        if (outcome instanceof WebhookFailure failure && failure.stepFailed()) {
            step.unverifiedOnError()
                    .ifPresent(reason -> verifications(reason.metricName()).increment());
        } else if (outcome instanceof CallOutcome call) {
            call.verification()
                    .ifPresent(verification -> verifications(verification).increment());
            call.pinCheck().ifPresent(check -> pinChecks(check).increment());
            if (call == CallOutcome.LOCKOUT) {
                lockouts().increment();
            }
        } else if (outcome instanceof QueueExitOutcome exit && request != null) {
            request.integer("QueueTime")
                    .filter(seconds -> seconds >= 0)
                    .ifPresent(seconds -> DistributionSummary.builder("ivr.queue.wait")
                            .description("Seconds callers waited in the queue, by how they left it")
                            .baseUnit("seconds")
                            .tag("result", exit.waitResult())
                            .serviceLevelObjectives(10, 30, 60, 120, 300, 600, 1200, 1800)
                            .register(registry)
                            .record(seconds));
        }
    }

    private Timer webhookTimer(String step) {
        return Timer.builder("ivr.webhook")
                .description("Time to answer a Twilio webhook, by call-flow step")
                .tag("step", step)
                .serviceLevelObjectives(
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(5))
                .register(registry);
    }

    private Counter verifications(String outcome) {
        return Counter.builder("ivr.verifications")
                .description("Calls whose phone verification ended, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter pinChecks(String outcome) {
        return Counter.builder("ivr.pin.checks")
                .description("Support PINs checked on the phone, by result")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter lockouts() {
        return Counter.builder("ivr.pin.lockouts")
                .description("Accounts locked for too many wrong PINs")
                .register(registry);
    }

    /** Shows a sign-in route's series at zero from the start. */
    public void signInRoute(String route) {
        List.of("success", "failure", "throttled", "busy", "rejected").forEach(result -> signIns(route, result));
    }

    /** One sign-in attempt on a sign-in route, from its HTTP status. */
    public void signIn(String route, int status) {
        String result = status >= 200 && status < 400
                ? "success"
                : status == 401 ? "failure" : status == 429 ? "throttled" : status == 503 ? "busy" : "rejected";
        signIns(route, result).increment();
    }

    private Counter signIns(String route, String result) {
        return Counter.builder("ivr.sign.ins")
                .description("Web and API sign-in attempts by result (failure: wrong email or password)")
                .tag("route", route)
                .tag("result", result)
                .register(registry);
    }

    /** Password hashes computed and refused (executor full) by a hashing executor, read from its counters. */
    public void hashing(HashingExecutor executor) {
        FunctionCounter.builder("ivr.password.hashes", executor, HashingExecutor::computed)
                .description("Password hashing work run to the end, by executor")
                .tag("executor", executor.name())
                .register(registry);
        FunctionCounter.builder("ivr.password.hash.refusals", executor, HashingExecutor::refused)
                .description("Sign-ins refused at once (503, or try again on the agent line): hashing was full")
                .tag("executor", executor.name())
                .register(registry);
        Gauge.builder("ivr.password.hash.places.taken", executor, HashingExecutor::placesTaken)
                .description("Password checks running or waiting for a hashing thread, by executor")
                .tag("executor", executor.name())
                .register(registry);
    }

    /** Rows the retention purge deleted, by kind of record. */
    public void purged(String kind, long rows) {
        purgedRows(kind).increment(rows);
    }

    /** Shows a purge kind's series at zero from the start. */
    public void purgeKind(String kind) {
        purgedRows(kind);
    }

    private Counter purgedRows(String kind) {
        return Counter.builder("ivr.purged.rows")
                .description("Rows deleted by the retention purge, by kind of record")
                .tag("kind", kind)
                .register(registry);
    }
}
