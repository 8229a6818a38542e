package com.supportpin.voice;

import com.supportpin.config.Config;
import com.twilio.security.RequestValidator;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;

/** Checks X-Twilio-Signature on /voice against the configured public URL and the form body; fails closed. */
public final class TwilioSignatureFilter {

    /** Request attribute holding the verified {@link TwilioRequest}. */
    public static final String VERIFIED_REQUEST = "twilio.request";

    private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);

    private final Config config;
    private final RequestValidator validator;

    public TwilioSignatureFilter(Config config, String authToken) {
        this.config = config;
        this.validator = new RequestValidator(authToken);
    }

    /** Halts with 403 unless the request carries a valid signature. */
    public void check(Request request, Response response) {
        String signature = request.headers("X-Twilio-Signature");
        String contentType = request.contentType();
        String body = contentType != null
                        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                ? request.body()
                : "";
        var params = TwilioRequest.parseForm(body);
        String query = request.queryString();
        String url = config.publicUrl(request.pathInfo() + (query == null ? "" : "?" + query));
        boolean valid;
        try {
            valid = signature != null && !signature.isBlank() && validator.validate(url, params, signature);
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            log.warn(
                    "rejected {} {} from {}: {} Twilio signature",
                    request.requestMethod(),
                    request.pathInfo(),
                    request.ip(),
                    signature == null ? "missing" : "invalid");
            spark.Spark.halt(403, "invalid or missing X-Twilio-Signature");
        }
        request.attribute(
                VERIFIED_REQUEST, new TwilioRequest(request.pathInfo(), params, TwilioRequest.parseForm(query)));
    }
}
