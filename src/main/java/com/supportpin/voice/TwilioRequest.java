package com.supportpin.voice;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One signed Twilio webhook: form parameters from the body only, and the query of our own TwiML's URL. */
public record TwilioRequest(String path, Map<String, String> params, Map<String, String> query) {

    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-fA-F]{32}$");

    public TwilioRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    public TwilioRequest(String path, Map<String, String> params) {
        this(path, params, Map.of());
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

    /** A parameter of the URL's query (one our TwiML put there), empty when absent. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
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
        return param(name)
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .map(value -> value.length() > 40 ? value.substring(0, 40) : value)
                .orElse("unknown");
    }

    /** Whether a flag parameter (DialBridged) says true. */
    public boolean flag(String name) {
        return param(name).map(String::trim).filter("true"::equalsIgnoreCase).isPresent();
    }

    /** Another call's id in a named parameter (DequeingCallSid, DialCallSid), empty unless well-formed. */
    public Optional<String> otherCallSid(String name) {
        return param(name).map(String::trim).filter(sid -> CALL_SID.matcher(sid).matches());
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
