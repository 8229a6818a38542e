package com.supportpin.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import spark.Request;
import spark.Response;

/** The stylesheet and script, read from {@code public/} at start-up; no path from a request reaches the classpath. */
public final class StaticAssets {

    private record Asset(byte[] content, String contentType) {}

    private final Map<String, Asset> assets;

    /** {@code files} maps a URL path to a classpath resource under public/. */
    public StaticAssets(Map<String, String> files) {
        this.assets = files.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, file -> load(file.getValue())));
    }

    public Object serve(Request request, Response response) {
        Asset asset = assets.get(request.pathInfo());
        if (asset == null) {
            return Json.error(response, 404, "not found");
        }
        response.status(200);
        response.type(asset.contentType());
        response.raw().setHeader("Cache-Control", "public, max-age=300");
        return asset.content();
    }

    private static Asset load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/public/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing static asset public/" + name);
            }
            String type = name.endsWith(".css")
                    ? "text/css; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream";
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read static asset public/" + name, e);
        }
    }
}
