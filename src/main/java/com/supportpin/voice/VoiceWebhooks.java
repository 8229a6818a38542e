package com.supportpin.voice;

import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * The thin HTTP side of the call-flow steps: every answer is valid TwiML, whatever fails, and every
 * webhook leaves one log line with CallSid, step, outcome and latency (never the keys pressed).
 */
public final class VoiceWebhooks {

    private static final Logger log = LoggerFactory.getLogger("webhook");
    private static final Pattern CALL_SID = Pattern.compile("^[A-Za-z0-9]{2,64}$");

    /** Receives one line per webhook, for metrics. */
    public interface Observer {
        void observed(String step, String outcome, long nanos);

        Observer NONE = (step, outcome, nanos) -> { };
    }

    private final Observer observer;

    public VoiceWebhooks(Observer observer) {
        this.observer = observer;
    }

    /** Wraps a step as a Spark route. */
    public Route route(VoiceStep step) {
        return (request, response) -> answer(step, request, response);
    }

    private String answer(VoiceStep step, Request request, Response response) {
        long started = System.nanoTime();
        TwilioRequest verified = request.attribute(TwilioSignatureFilter.VERIFIED_REQUEST);
        TwilioRequest twilio = verified != null ? verified : new TwilioRequest(request.pathInfo(), Map.of());
        VoiceStep.StepResult result;
        if (!CALL_SID.matcher(twilio.callSid()).matches()) {
            result = VoiceStep.StepResult.of(step.onError(twilio), "bad-request");
        } else {
            try {
                result = step.handle(twilio);
            } catch (RuntimeException e) {
                log.error("callSid={} step={} failed: {}", twilio.callSid(), step.name(), describe(e));
                result = VoiceStep.StepResult.of(step.onError(twilio), "error");
            }
        }
        long nanos = System.nanoTime() - started;
        log.info("callSid={} step={} outcome={} latencyMs={}", safe(twilio.callSid()),
                step.name(), result.outcome(), millis(nanos));
        observer.observed(step.name(), result.outcome(), nanos);
        return TwimlWriter.write(response, result.twiml());
    }

    /**
     * The exception's class chain and, for PostgreSQL, the server's primary message and SQLSTATE. Full
     * messages stay out: Jdbi quotes bound statement arguments in them.
     */
    static String describe(Throwable error) {
        var text = new StringBuilder(error.getClass().getSimpleName());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName());
            if (cause instanceof org.postgresql.util.PSQLException psql) {
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
