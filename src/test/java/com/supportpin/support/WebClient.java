package com.supportpin.support;

import com.supportpin.web.WebPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for functional tests: plain HTTP/1.0 over a socket bound to a chosen loopback
 * address (127.0.0.2 and so on), so tests can come from several client addresses; keeps cookies
 * (including Secure ones), never follows redirects, and posts forms.
 */
public final class WebClient {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

    private final int port;
    private final InetAddress clientAddress;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> everyRequestHeaders = new LinkedHashMap<>();

    /** A client of the server whose requests come from {@code clientAddress} (any 127.x.y.z). */
    public WebClient(TestServer server, String clientAddress) {
        this.port = server.port();
        try {
            this.clientAddress = InetAddress.getByName(clientAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebClient(TestServer server) {
        this(server, "127.0.0.1");
    }

    /** One answer. */
    public record Page(int status, String body, Map<String, List<String>> headers) {
        public Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                    .findFirst();
        }

        public List<String> setCookies() {
            return headers.getOrDefault("set-cookie", List.of());
        }

        /** The CSRF token of the page's first form. */
        public String csrf() {
            Matcher matcher = CSRF_FIELD.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no csrf field in:\n" + body);
            }
            return matcher.group(1);
        }
    }

    public Page get(String path) {
        return send("GET", path, null, null);
    }

    public Page postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", body);
    }

    public Page postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Page delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** A JSON POST with extra request headers (an X-CSRF-Token, say). */
    public Page postJson(String path, String json, Map<String, String> headers) {
        return send("POST", path, "application/json", json, headers);
    }

    /** Opens the sign-in form and submits it, as a person would. */
    public Page signIn(String email, String password) {
        String csrf = get(WebPaths.LOGIN).csrf();
        return postForm(WebPaths.LOGIN, Map.of("csrf", csrf, "email", email, "password", password));
    }

    /** Sends {@code name: value} with every later request (a forwarded header, say); returns this client. */
    public WebClient withHeader(String name, String value) {
        everyRequestHeaders.put(name, value);
        return this;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public void forgetCookies() {
        cookies.clear();
    }

    private Page send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, Map.of());
    }

    private Page send(String method, String path, String contentType, String body, Map<String, String> headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder(method + " " + path + " HTTP/1.0\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        everyRequestHeaders.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!cookies.isEmpty()) {
            head.append("Cookie: ")
                    .append(cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")))
                    .append("\r\n");
        }
        head.append("\r\n");
        try (var socket = new Socket()) {
            socket.setSoTimeout(60_000);
            socket.bind(new InetSocketAddress(clientAddress, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            Page page = parse(socket.getInputStream());
            page.setCookies().forEach(this::remember);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Page parse(InputStream in) throws IOException {
        byte[] raw = in.readAllBytes();
        var bytes = new ByteArrayOutputStream();
        bytes.write(raw);
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        String body = new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8);
        return new Page(status, body, headers);
    }

    private void remember(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        boolean expired = value.isEmpty();
        for (String attribute : parts) {
            if (attribute.trim().equalsIgnoreCase("Max-Age=0")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
