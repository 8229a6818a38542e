package com.supportpin.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Requests webhooks signed for the app's public URL while sending them to the server this machine reaches. */
final class WebhookClient {

    /** Twilio gives up connecting after 10 s and waits 15 s in total for an answer. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    /** What a webhook answered. */
    record Answer(int status, String contentType, String body, Optional<String> location) {
        boolean isRedirect() {
            return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location.isPresent();
        }
    }

    private final String server;
    private final String publicBase;
    private final RequestSigner signer;
    private final HttpClient http;

    WebhookClient(URI server, URI publicBase, RequestSigner signer) {
        this.server = withoutTrailingSlash(server.toString());
        this.publicBase = withoutTrailingSlash(publicBase.toString());
        this.signer = signer;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The public URL of a path on the app, as it appears in TwiML and in signatures. */
    String publicUrl(String path) {
        return publicBase + path;
    }

    /** The URL shown in the transcript: the path alone when it is on the app. */
    String shortForm(String publicUrl) {
        return isOnApp(publicUrl) ? publicUrl.substring(publicBase.length()) : publicUrl;
    }

    /** Requests {@code publicUrl} with GET (parameters in the query) or POST (a form body), signed. */
    Answer request(String publicUrl, String method, Map<String, String> params)
            throws IOException, InterruptedException {
        boolean get = "GET".equalsIgnoreCase(method);
        String signedUrl = publicUrl;
        if (get && !params.isEmpty()) {
            signedUrl = publicUrl + (publicUrl.contains("?") ? "&" : "?") + form(params);
        }
        String signature = signer.sign(signedUrl, get ? Map.of() : params);
        var request = HttpRequest.newBuilder(URI.create(target(signedUrl)))
                .timeout(RESPONSE_TIMEOUT)
                .header("X-Twilio-Signature", signature)
                .header("User-Agent", "TwilioProxy/1.1 (support-pin-ivr call simulator)")
                .header("Accept", "*/*");
        if (get) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                response.headers().firstValue("Location"));
    }

    /** Where the request really goes: the app's public URLs are sent to the reachable server instead. */
    String target(String publicUrl) {
        return isOnApp(publicUrl) ? server + publicUrl.substring(publicBase.length()) : publicUrl;
    }

    private boolean isOnApp(String url) {
        if (!url.startsWith(publicBase)) {
            return false;
        }
        String rest = url.substring(publicBase.length());
        return rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?");
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
