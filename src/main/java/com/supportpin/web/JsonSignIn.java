package com.supportpin.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.BiFunction;
import spark.Request;
import spark.Response;

/** The JSON sign-in the customer and agent APIs share, under the sign-in throttle, with the same answers. */
public final class JsonSignIn {

    /** Who signed in, or, when nobody did, the JSON error answer already set on the response. */
    public record Result<T>(Optional<T> signedIn, String refusal) {}

    private JsonSignIn() {}

    /** Reads the credentials and tries {@code signIn}, counting the e-mail under {@code throttleKeyPrefix}. */
    public static <T> Result<T> attempt(
            Request request,
            Response response,
            SignInThrottle throttle,
            String throttleKeyPrefix,
            BiFunction<String, String, Optional<T>> signIn) {
        if (!Json.isJson(request)) {
            return refused(Json.error(response, 415, "send application/json"));
        }
        Optional<JsonNode> body = Json.object(request);
        Optional<String> email = body.flatMap(node -> Json.text(node, "email"));
        Optional<String> password = body.flatMap(node -> Json.text(node, "password"));
        if (email.isEmpty() || password.isEmpty()) {
            return refused(Json.error(response, 400, "email and password are required"));
        }
        var attempt = throttle.attempt(
                throttleKeyPrefix + email.get(), request.ip(), () -> signIn.apply(email.get(), password.get()));
        if (attempt instanceof SignInThrottle.Busy<T> busy) {
            response.header("Retry-After", String.valueOf(busy.retryAfterSeconds()));
            return refused(Json.error(response, 503, "sign-in is busy; retry shortly"));
        }
        if (attempt instanceof SignInThrottle.Throttled<T> throttled) {
            response.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            return refused(Json.error(response, 429, "too many sign-in attempts; retry later"));
        }
        Optional<T> signedIn = ((SignInThrottle.Done<T>) attempt).result();
        if (signedIn.isEmpty()) {
            return refused(Json.error(response, 401, "invalid email or password"));
        }
        return new Result<>(signedIn, null);
    }

    private static <T> Result<T> refused(String answer) {
        return new Result<>(Optional.empty(), answer);
    }
}
