package com.supportpin.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spark.Request;

/** A form POST's fields from the body only ({@code queryParams()} would read the URL, where no secret may travel). */
public final class Form {

    private final Map<String, String> fields;

    private Form(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The form body, or empty when the request is not application/x-www-form-urlencoded. */
    public static Optional<Form> of(Request request) {
        String type = request.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        var fields = new LinkedHashMap<String, String>();
        String body = request.body();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                try {
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                    fields.putIfAbsent(name, value);
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Form(fields));
    }

    /** The field's value, or an empty string when it is missing. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
