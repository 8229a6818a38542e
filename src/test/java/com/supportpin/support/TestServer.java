package com.supportpin.support;

import com.supportpin.App;
import com.supportpin.RouteTable;
import com.supportpin.agent.Agents;
import com.supportpin.config.Config;
import com.supportpin.contact.ContactDao;
import com.supportpin.contact.Contacts;
import com.supportpin.contact.Passwords;
import com.supportpin.pin.PinHasher;
import com.supportpin.pin.SupportPins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server on a random port, on a fresh embedded PostgreSQL database, with a clock tests control.
 * A test class that shares one server across its tests registers it as an extension, which starts it
 * before the first test and stops it after the last:
 *
 * <pre>{@code @RegisterExtension static final TestServer server = TestServer.perClass();}</pre>
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String APP_SECRET = "test-app-secret-0123456789abcdef0123456789";
    /** Deliberately not the local address: signatures must be checked against the configured public URL. */
    public static final String PUBLIC_BASE_URL = "https://ivr.example.com";
    /** The support line's own number: callbacks are placed from it. */
    public static final String SUPPORT_LINE_NUMBER = "+18005550100";

    /** A started server. */
    private record Running(App app, MutableClock clock, String databaseUrl) {}

    private final Map<String, String> overrides;
    private volatile Running running;

    private TestServer(Map<String, String> overrides, Running running) {
        this.overrides = overrides;
        this.running = running;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with extra environment variables over the test defaults. */
    public static TestServer start(Map<String, String> overrides) {
        return start(TestDatabase.freshDatabaseUrl(), overrides);
    }

    /**
     * Starts on a free port whose own address is the public URL (http://localhost:PORT), as the account
     * center's sign-in needs: the provider sends the browser back to the public URL.
     */
    public static TestServer startLocal(Map<String, String> overrides) {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var env = new HashMap<String, String>(overrides);
        env.put("PORT", String.valueOf(port));
        env.put("PUBLIC_BASE_URL", "http://localhost:" + port);
        return start(env);
    }

    /** Twilio's part for this server, signing for its configured public URL. */
    public FakeTwilio twilio() {
        return new FakeTwilio(localUrl(""), app().config().publicBaseUrl().toString(), AUTH_TOKEN);
    }

    /** Starts on an existing database, as a second instance behind the same public URL would. */
    public static TestServer start(String databaseUrl, Map<String, String> overrides) {
        return new TestServer(overrides, launch(databaseUrl, overrides));
    }

    /** A server for one test class, started and stopped by JUnit (see the class comment). */
    public static TestServer perClass() {
        return perClass(Map.of());
    }

    /** {@link #perClass()} with extra environment variables over the test defaults. */
    public static TestServer perClass(Map<String, String> overrides) {
        return new TestServer(overrides, null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = launch(TestDatabase.freshDatabaseUrl(), overrides);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private static Running launch(String databaseUrl, Map<String, String> overrides) {
        var env = new HashMap<String, String>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", databaseUrl);
        env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        env.put("APP_SECRET", APP_SECRET);
        env.put("PUBLIC_BASE_URL", PUBLIC_BASE_URL);
        env.put("SUPPORT_LINE_NUMBER", SUPPORT_LINE_NUMBER);
        env.putAll(overrides);
        var clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        App app = App.start(Config.fromEnvironment(env), clock);
        return new Running(app, clock, databaseUrl);
    }

    private Running running() {
        Running started = running;
        if (started == null) {
            throw new IllegalStateException("the server is not started: register it with @RegisterExtension");
        }
        return started;
    }

    public String localUrl(String path) {
        return "http://localhost:" + running().app().port() + path;
    }

    public int port() {
        return running().app().port();
    }

    public MutableClock clock() {
        return running().clock();
    }

    public String databaseUrl() {
        return running().databaseUrl();
    }

    public Jdbi jdbi() {
        return running().app().database().jdbi();
    }

    public App app() {
        return running().app();
    }

    /** The paths Twilio may post to, as the running server registered them. */
    public List<String> voicePaths() {
        return app().routes().stream()
                .filter(route -> route.method().equals("POST") && route.path().startsWith("/voice/"))
                .map(RouteTable.Entry::path)
                .toList();
    }

    /** Adds a contact directly, as the operator CLI would. */
    public long addContact(String account, String name, String email, String password) {
        return new Contacts(jdbi(), new Passwords()).add(account, name, email, null, password);
    }

    /** Adds an agent directly, as {@code agent add} would; returns its id. */
    public long addAgent(String name, String email, String code, String password, String passcode) {
        return new Agents(jdbi(), new Passwords(), clock()).add(name, email, code, password, passcode);
    }

    /** Generates a PIN for a contact as the account center would, returning its digits. */
    public String generatePin(long contactId) {
        var contact = jdbi().onDemand(ContactDao.class).findById(contactId).orElseThrow();
        var config = app().config();
        var pins = new SupportPins(
                jdbi(),
                new PinHasher(APP_SECRET),
                clock(),
                config.pinTtl(),
                config.pinDigits(),
                config.pinMaxFailures(),
                config.pinLockout());
        return pins.issue(contact.accountId(), contact.accountNumber(), contactId)
                .pin();
    }

    @Override
    public void close() {
        Running started = running;
        if (started != null) {
            started.app().close();
        }
    }
}
