package com.supportpin.ops;

import com.supportpin.voice.TwilioRequest;
import com.supportpin.voice.VoiceWebhooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The service's Prometheus metrics. Every tag value comes from a closed set (or a short pattern), never
 * from raw input, so hostile requests cannot blow up the number of series. README lists the names.
 */
public final class Metrics implements VoiceWebhooks.Observer {

    /** Prometheus's text format, as /metrics answers it. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern OUTCOME = Pattern.compile("^[a-z][a-z-]{0,39}$");
    private static final Set<String> STEPS = Set.of("incoming", "account", "pin", "hold", "queue-exit", "status");
    private static final Set<String> QUEUE_RESULTS = Set.of("bridged", "bridging-in-process", "error", "hangup",
            "leave", "redirected", "redirected-from-bridged", "queue-full", "system-error");
    private static final Set<String> FAILURES = Set.of("error", "timeout", "overloaded");

    /** How a step's outcome ends a call's verification (steps and outcomes as VoiceWebhooks logs them). */
    private static final Map<String, String> VERIFICATION_BY_OUTCOME = Map.of(
            "verified", "verified",
            "failed", "failed",
            "locked", "locked",
            "lockout", "locked",
            "no-pin", "no_pin",
            "silence-unverified", "no_input",
            "invalid-unverified", "no_input");
    private static final Map<String, String> PIN_CHECK_BY_OUTCOME = Map.of(
            "verified", "verified",
            "wrong-pin", "wrong_pin",
            "failed", "wrong_pin",
            "locked", "locked",
            "lockout", "locked");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Series exist from the start at zero, so rates and alerts work before the first event.
        STEPS.forEach(this::webhookTimer);
        Set.copyOf(VERIFICATION_BY_OUTCOME.values()).forEach(this::verifications);
        verifications("unavailable");
        Set.copyOf(PIN_CHECK_BY_OUTCOME.values()).forEach(this::pinChecks);
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
    public void observed(String step, String outcome, long nanos) {
        observed(null, step, outcome, nanos);
    }

    @Override
    public void observed(TwilioRequest request, String step, String outcome, long nanos) {
        String stepTag = STEPS.contains(step) ? step : "other";
        String outcomeTag = outcome != null && OUTCOME.matcher(outcome).matches() ? outcome : "other";
        webhookTimer(stepTag).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("ivr.webhook.outcomes")
                .description("Answered webhooks by step and outcome")
                .tag("step", stepTag).tag("outcome", outcomeTag)
                .register(registry).increment();

        boolean verificationStep = step.equals("incoming") || step.equals("account") || step.equals("pin");
        if (verificationStep && FAILURES.contains(outcome)) {
            verifications("unavailable").increment();
        } else if ((step.equals("account") || step.equals("pin")) && VERIFICATION_BY_OUTCOME.containsKey(outcome)) {
            verifications(VERIFICATION_BY_OUTCOME.get(outcome)).increment();
        }
        if (step.equals("pin") && PIN_CHECK_BY_OUTCOME.containsKey(outcome)) {
            pinChecks(PIN_CHECK_BY_OUTCOME.get(outcome)).increment();
        }
        if (step.equals("pin") && outcome.equals("lockout")) {
            lockouts().increment();
        }
        if (step.equals("queue-exit") && request != null) {
            request.integer("QueueTime").filter(seconds -> seconds >= 0).ifPresent(seconds ->
                    DistributionSummary.builder("ivr.queue.wait")
                            .description("Seconds callers waited in the queue, by how they left it")
                            .baseUnit("seconds")
                            .tag("result", QUEUE_RESULTS.contains(outcome) ? outcome : "other")
                            .serviceLevelObjectives(10, 30, 60, 120, 300, 600, 1200, 1800)
                            .register(registry)
                            .record(seconds));
        }
    }

    private Timer webhookTimer(String step) {
        return Timer.builder("ivr.webhook")
                .description("Time to answer a Twilio webhook, by call-flow step")
                .tag("step", step)
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(5))
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
        List.of("success", "failure", "throttled", "rejected").forEach(result -> signIns(route, result));
    }

    /** One sign-in attempt on a sign-in route, from its HTTP status. */
    public void signIn(String route, int status) {
        String result = status >= 200 && status < 400 ? "success"
                : status == 401 ? "failure"
                : status == 429 ? "throttled"
                : "rejected";
        signIns(route, result).increment();
    }

    private Counter signIns(String route, String result) {
        return Counter.builder("ivr.sign.ins")
                .description("Web and API sign-in attempts by result (failure: wrong email or password)")
                .tag("route", route).tag("result", result)
                .register(registry);
    }
}
