package com.supportpin.voice;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The form parameters of one signed Twilio webhook, parsed from the body only (never the query string). */
public record TwilioRequest(String path, Map<String, String> params) {

    public TwilioRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses an application/x-www-form-urlencoded body; malformed pairs are kept as literal text. */
    public static Map<String, String> parseForm(String body) {
        var params = new LinkedHashMap<String, String>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The call's id; an empty string when Twilio's parameter is missing. */
    public String callSid() {
        return param("CallSid").map(String::trim).orElse("");
    }

    public String from() {
        return param("From").orElse("");
    }

    /** The keys the caller pressed, empty when Twilio sent none (silence or a Redirect). */
    public Optional<String> digits() {
        return param("Digits").map(String::trim).filter(digits -> !digits.isEmpty());
    }

    /** A short status word Twilio sends (CallStatus, QueueResult), trimmed and capped; "unknown" when missing. */
    public String word(String name) {
        return param(name).map(String::trim).filter(value -> !value.isEmpty())
                .map(value -> value.length() > 40 ? value.substring(0, 40) : value)
                .orElse("unknown");
    }

    /** A named integer parameter, empty when missing or not a number. */
    public Optional<Integer> integer(String name) {
        return param(name).flatMap(value -> {
            try {
                return Optional.of(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String toString() {
        return "TwilioRequest[path=" + path + ", callSid=" + callSid() + "]";
    }
}
