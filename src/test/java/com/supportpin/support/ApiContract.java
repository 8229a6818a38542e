package com.supportpin.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 document as an oracle through Vert.x's validator: every request and answer a test exchanges is checked. */
public final class ApiContract {

    public static final String RESOURCE = "api/openapi.json";

    private static Vertx vertx;

    private final OpenAPIContract contract;
    private final RequestValidator requests;
    private final ResponseValidator responses;

    private ApiContract(OpenAPIContract contract) {
        this.contract = contract;
        this.requests = RequestValidator.create(vertx(), contract);
        this.responses = ResponseValidator.create(vertx(), contract);
    }

    private static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    /** The document as the jar ships it. */
    public static String documentText() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads and checks the document; throws when it is not a valid OpenAPI 3.1 document. */
    public static ApiContract load() {
        return new ApiContract(
                OpenAPIContract.from(vertx(), new JsonObject(documentText())).await());
    }

    /** Every operation as "METHOD /api/v1/path/{param}". */
    public List<String> operations() {
        return contract.operations().stream()
                .map(operation -> operation.getHttpMethod().name() + " " + operation.getAbsoluteOpenAPIPath())
                .toList();
    }

    /** Why the request breaks the document, or empty when it keeps to it. */
    public Optional<String> requestProblem(String method, String path, String contentType, String body) {
        Optional<Match> match = match(method, path);
        if (match.isEmpty()) {
            return Optional.of("no operation for " + method + " " + path);
        }
        Map<String, RequestParameter> pathParameters = new HashMap<>();
        match.get()
                .pathParameters()
                .forEach((name, value) -> pathParameters.put(name, new RequestParameterImpl(value)));
        var request = body == null
                ? new ValidatableRequestImpl(Map.of(), Map.of(), pathParameters, Map.of())
                : new ValidatableRequestImpl(
                        Map.of(),
                        Map.of(),
                        pathParameters,
                        Map.of(),
                        new RequestParameterImpl(Buffer.buffer(body)),
                        contentType);
        return problem(() -> requests.validate(request, match.get().operation().getOperationId())
                .await());
    }

    /** Why the answer breaks the document, or empty when it keeps to it. */
    public Optional<String> responseProblem(
            String method, String path, int status, Map<String, String> headers, String contentType, String body) {
        Optional<Match> match = match(method, path);
        if (match.isEmpty()) {
            return Optional.of("no operation for " + method + " " + path);
        }
        var response = body == null || body.isEmpty()
                ? ValidatableResponse.create(status, headers)
                : ValidatableResponse.create(status, headers, Buffer.buffer(body), mediaType(contentType));
        return problem(() -> responses
                .validate(response, match.get().operation().getOperationId())
                .await());
    }

    private record Match(Operation operation, Map<String, String> pathParameters) {}

    private Optional<Match> match(String method, String path) {
        for (Operation operation : contract.operations()) {
            if (!operation.getHttpMethod().name().equalsIgnoreCase(method)) {
                continue;
            }
            var names = new ArrayList<String>();
            Matcher template = Pattern.compile("\\{([^}]+)}").matcher(operation.getAbsoluteOpenAPIPath());
            var regex = new StringBuilder("^");
            int last = 0;
            while (template.find()) {
                regex.append(Pattern.quote(operation.getAbsoluteOpenAPIPath().substring(last, template.start())))
                        .append("([^/]+)");
                names.add(template.group(1));
                last = template.end();
            }
            regex.append(Pattern.quote(operation.getAbsoluteOpenAPIPath().substring(last)))
                    .append("$");
            Matcher found = Pattern.compile(regex.toString()).matcher(path);
            if (found.matches()) {
                var parameters = new HashMap<String, String>();
                for (int i = 0; i < names.size(); i++) {
                    parameters.put(names.get(i), URLDecoder.decode(found.group(i + 1), StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(operation, parameters));
            }
        }
        return Optional.empty();
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> problem(Runnable validation) {
        try {
            validation.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
