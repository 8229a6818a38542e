package com.supportpin.simulator;

import com.supportpin.simulator.Flow.Ending;
import com.supportpin.simulator.Flow.Fetch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Twilio's side of the HTTP: fetches, checks and maps failures to Twilio's error codes; sends status callbacks. */
final class Fetcher {

    /** What Twilio says when a webhook fails and no fallback URL is set. */
    static final String APPLICATION_ERROR = "We are sorry, an application error has occurred. Goodbye.";

    static final int MAX_HTTP_REDIRECTS = 5;

    private final WebhookClient webhooks;
    private final Transcript transcript;
    private final List<String> errors = new ArrayList<>();

    Fetcher(WebhookClient webhooks, Transcript transcript) {
        this.webhooks = webhooks;
        this.transcript = transcript;
    }

    /** The Twilio errors met so far, each with the party who met it. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    String publicUrl(String path) {
        return webhooks.publicUrl(path);
    }

    /** Requests and checks a document as Twilio would; on failure the caller hears Twilio's application error. */
    Optional<TwimlDocument> fetch(Leg leg, Fetch fetch, Map<String, String> extra) {
        var params = new LinkedHashMap<>(leg.standardParams());
        params.putAll(extra);
        params.putAll(fetch.params());
        String method = fetch.method();
        transcript.request(leg.who(), method, webhooks.shortForm(fetch.url()));
        WebhookClient.Answer answer;
        String url = fetch.url();
        try {
            answer = webhooks.request(url, method, params);
            for (int redirects = 0; answer.isRedirect() && redirects < MAX_HTTP_REDIRECTS; redirects++) {
                // Twilio follows an HTTP redirect, but as a GET that no longer carries Digits or other extras.
                url = URI.create(url).resolve(answer.location().orElseThrow()).toString();
                transcript.error(
                        leg.who(),
                        "the app answered HTTP " + answer.status() + ": Twilio follows it to " + webhooks.shortForm(url)
                                + " with GET, dropping Digits and the other parameters of this request");
                answer = webhooks.request(url, "GET", leg.standardParams());
            }
        } catch (IllegalArgumentException e) {
            applicationError(leg, "11100", "Invalid URL format", url);
            return Optional.empty();
        } catch (HttpTimeoutException e) {
            applicationError(
                    leg,
                    "11205",
                    "HTTP connection failure",
                    "no answer from " + fetch.url() + " within " + WebhookClient.RESPONSE_TIMEOUT.toSeconds() + " s");
            return Optional.empty();
        } catch (IOException e) {
            applicationError(
                    leg,
                    "11205",
                    "HTTP connection failure",
                    "cannot reach " + webhooks.target(fetch.url()) + " ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            applicationError(leg, "11205", "HTTP connection failure", "interrupted");
            return Optional.empty();
        }
        if (answer.status() != 200) {
            applicationError(
                    leg,
                    "11200",
                    "HTTP retrieval failure",
                    url + " answered HTTP " + answer.status() + firstLine(answer.body()));
            return Optional.empty();
        }
        String type = answer.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("audio/")) {
            // Twilio plays an audio answer as if the document were a single <Play> of that URL.
            leg.answered();
            return Optional.of(TwimlDocument.playing(url));
        }
        if (!(type.startsWith("text/xml") || type.startsWith("application/xml"))) {
            applicationError(
                    leg,
                    "12300",
                    "Invalid Content-Type",
                    url + " answered '" + (type.isEmpty() ? "no content type" : answer.contentType())
                            + "', not TwiML (text/xml, application/xml) or audio");
            return Optional.empty();
        }
        try {
            TwimlDocument document = TwimlDocument.parse(url, answer.body());
            leg.answered();
            return Optional.of(document);
        } catch (TwimlDocument.Invalid invalid) {
            applicationError(leg, "12100", "Document parse failure", url + ": " + invalid.getMessage());
            return Optional.empty();
        }
    }

    void applicationError(Leg leg, String code, String title, String detail) {
        fail(leg, code, title + ": " + detail);
        transcript.hears(leg.who(), APPLICATION_ERROR);
    }

    void fail(Leg leg, String code, String message) {
        String error = (code.equals("simulator") ? "simulator: " : "Twilio error " + code + " (")
                + message
                + (code.equals("simulator") ? "" : ")");
        errors.add(leg.who() + ": " + error);
        transcript.error(leg.who(), error);
    }

    /** Ends a leg once: reports how it ended and sends the status callback (CallStatus=completed). */
    void finish(Leg leg, Ending ending) {
        if (!leg.finish()) {
            return;
        }
        switch (ending) {
            case DOCUMENT_ENDED -> transcript.note(leg.who(), "no more TwiML: Twilio hangs up");
            case FAILED -> transcript.note(leg.who(), "the call ends after the error");
            default -> {}
        }
        String status = ending == Ending.REJECTED ? "busy" : "completed";
        var params = new LinkedHashMap<>(leg.standardParams());
        params.put("CallStatus", status);
        params.put("CallDuration", String.valueOf(leg.seconds()));
        if (leg.line() == null) {
            return; // a phone a Dial rang has no status callback of its own here
        }
        String url = webhooks.publicUrl(leg.line().statusPath());
        transcript.request(leg.who(), "POST", webhooks.shortForm(url) + " (status callback: " + status + ")");
        try {
            var answer = webhooks.request(url, "POST", params);
            if (answer.status() / 100 != 2) {
                fail(leg, "11200", "HTTP retrieval failure: the status callback answered HTTP " + answer.status());
            }
        } catch (IOException e) {
            fail(leg, "11205", "HTTP connection failure: status callback: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 120 ? line.substring(0, 120) + "…" : line);
    }
}
