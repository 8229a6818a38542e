package com.supportpin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser without a screen for the account center's sign-in: keeps its cookies, follows no redirect, so a
 * test can step through (and tamper with) each leg: our start, the provider's authorize, our callback.
 */
public final class OidcBrowser {

    private final String appBase;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public OidcBrowser(String appBase) {
        this.appBase = appBase;
    }

    /** Our start: the provider's authorize URL it redirects to. */
    public URI start() {
        HttpResponse<String> started = get(URI.create(appBase + "/login/account-center"));
        if (started.statusCode() != 303) {
            throw new AssertionError("start answered " + started.statusCode() + ": " + started.body());
        }
        return URI.create(started.headers().firstValue("Location").orElseThrow());
    }

    /** The provider's authorize step (no login page): the callback URL it sends the browser back to. */
    public URI authorize(URI authorizeUrl) {
        HttpResponse<String> authorized = get(authorizeUrl);
        if (authorized.statusCode() / 100 != 3) {
            throw new AssertionError("authorize answered " + authorized.statusCode() + ": " + authorized.body());
        }
        return URI.create(authorized.headers().firstValue("Location").orElseThrow());
    }

    /** The whole round trip up to our callback's answer. */
    public HttpResponse<String> signIn() {
        return get(authorize(start()));
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public HttpResponse<String> get(String path) {
        return get(URI.create(appBase + path));
    }

    public HttpResponse<String> postForm(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(appBase + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** The value of the cookie this browser holds under {@code name}. */
    public String cookie(String name) {
        return cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
