package com.supportpin.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The hops that {@code X-Forwarded-For} and RFC 7239 {@code Forwarded} list, left (client side) to right. */
final class ForwardedHeaders {

    private ForwardedHeaders() {}

    /** Every entry of every X-Forwarded-For line, in order ("a, b" and a second line "c" give a, b, c). */
    static List<String> xForwardedFor(List<String> lines) {
        var hops = new ArrayList<String>();
        for (String line : lines) {
            for (String entry : line.split(",")) {
                hops.add(entry.trim());
            }
        }
        return hops;
    }

    /** The {@code for=} of every Forwarded element in order; one without it is an unknown hop, never skipped. */
    static List<String> forwardedFor(List<String> lines) {
        var hops = new ArrayList<String>();
        for (String line : lines) {
            for (String element : splitOutsideQuotes(line, ',')) {
                String node = "unknown";
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals > 0
                            && pair.substring(0, equals)
                                    .trim()
                                    .toLowerCase(Locale.ROOT)
                                    .equals("for")) {
                        node = unquote(pair.substring(equals + 1).trim());
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    /** An address without a proxy's port ({@code [2001:db8::1]:4711} → {@code 2001:db8::1}); bare IPv6 left alone. */
    static String withoutPort(String node) {
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close > 0 ? node.substring(1, close) : node;
        }
        int colon = node.indexOf(':');
        if (colon > 0 && colon == node.lastIndexOf(':') && node.indexOf('.') > 0) {
            return node.substring(0, colon);
        }
        return node;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).replace("\\\"", "\"")
                : value;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }
}
