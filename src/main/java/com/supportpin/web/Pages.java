package com.supportpin.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import spark.Response;

/** Renders the Mustache templates (HTML-escaped) and answers redirects, only to our own paths. */
public final class Pages {

    /** The paths every page links to, so templates hold no literal URLs. */
    public record Links(
            String root, String login, String logout, String supportPin, String stylesheet, String script) {}

    public static final Links LINKS = new Links(
            WebPaths.ROOT,
            WebPaths.LOGIN,
            WebPaths.LOGOUT,
            WebPaths.SUPPORT_PIN,
            WebPaths.STYLESHEET,
            WebPaths.SUPPORT_PIN_SCRIPT);

    private final MustacheFactory templates = new DefaultMustacheFactory("templates");

    /** Renders {@code name}.mustache with the model as HTML that no cache may keep. */
    public String render(Response response, int status, String name, Object model) {
        response.status(status);
        response.type("text/html; charset=utf-8");
        response.raw().setHeader("Cache-Control", "no-store");
        var out = new StringWriter();
        templates.compile(name + ".mustache").execute(out, model);
        return out.toString();
    }

    /** A 303 to one of our own paths (relative, so it holds behind a proxy too). */
    public static String redirect(Response response, String ownPath) {
        if (!WebRoutes.PAGE_PATHS.contains(ownPath)) {
            throw new IllegalArgumentException("not one of our pages: " + ownPath);
        }
        response.status(303);
        response.raw().setHeader("Cache-Control", "no-store");
        response.header("Location", ownPath);
        return "";
    }
}
