package com.supportpin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spark.Request;
import spark.Response;

/** Small JSON helpers: bodies in, short answers out. */
public final class Json {

    private static final ObjectMapper mapper = new ObjectMapper();

    private Json() {}

    /** True when the request declares an application/json body. */
    public static boolean isJson(Request request) {
        String type = request.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).matches("^application/json\\s*(;.*)?$");
    }

    /** The body as a JSON object, or empty when it is not one. */
    public static Optional<JsonNode> object(Request request) {
        try {
            JsonNode node = mapper.readTree(request.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** A text field of a JSON object, empty when missing or not text. */
    public static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    public static String write(Response response, int status, Object body) {
        response.status(status);
        response.type("application/json; charset=utf-8");
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The value as JSON text. */
    public static String encode(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static String error(Response response, int status, String reason) {
        return write(response, status, Map.of("error", reason));
    }
}
