package com.supportpin.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.AccountCenterProvider;
import com.supportpin.support.ApiClient;
import com.supportpin.support.ApiContract;
import com.supportpin.support.OidcBrowser;
import com.supportpin.support.OperatorCli;
import com.supportpin.support.Started;
import com.supportpin.support.TestServer;
import com.supportpin.support.WebClient;
import com.supportpin.web.WebPaths;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in with the account center against a real OpenID Connect provider (mock-oauth2-server) on a random
 * port, step by step over HTTP: the happy path, a wrong state, a replayed code, an expired ID token, one
 * signed with a key the provider does not publish, a rotated key, an issuer mismatch, an unknown subject,
 * a disabled contact, logout, and password sign-in switched off.
 */
class AccountCenterSignInTest {

    private static AccountCenterProvider provider;
    private static TestServer server;
    private static int accounts = 6300;

    @BeforeAll
    static void start() {
        provider = AccountCenterProvider.start();
        server = TestServer.startLocal(provider.env());
    }

    @AfterAll
    static void stop() throws Exception {
        Started.closeAll(server, provider);
    }

    private static String contact(TestServer on, String externalId) {
        String account = String.valueOf(++accounts);
        long id = on.addContact(account, "Contact " + externalId, externalId + "@example.com", "correct horse 99");
        on.jdbi()
                .useHandle(handle -> handle.execute("UPDATE contact SET external_id = ? WHERE id = ?", externalId, id));
        return account;
    }

    private static long sessions(TestServer on) {
        return count(on, "SELECT count(*) FROM web_session");
    }

    private static long count(TestServer on, String sql) {
        return on.jdbi()
                .withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static Map<String, String> query(URI uri) {
        var params = new HashMap<String, String>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            params.put(
                    pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aKnownSubjectGetsAnOrdinarySessionAndThePinPage() {
        contact(server, "cust-happy");
        provider.nextSignIn("cust-happy");
        var browser = new OidcBrowser(server.localUrl(""));

        URI authorize = browser.start();
        Map<String, String> request = query(authorize);
        assertThat(authorize.toString()).startsWith(provider.issuer());
        assertThat(request)
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", AccountCenterProvider.CLIENT_ID)
                .containsEntry("redirect_uri", server.localUrl(OidcSignIn.CALLBACK))
                .containsKeys("state", "nonce", "code_challenge");
        HttpResponse<String> back = browser.get(browser.authorize(authorize));

        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).contains(WebPaths.SUPPORT_PIN);
        String sessionCookie = back.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sid="))
                .findFirst()
                .orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly", "SameSite=Lax", "Max-Age=43200");
        var page = browser.get(WebPaths.SUPPORT_PIN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Contact cust-happy");
    }

    @Test
    void aSignInReplacesTheSessionThatCameBefore() {
        contact(server, "cust-rotate");
        var browser = new OidcBrowser(server.localUrl(""));
        provider.nextSignIn("cust-rotate");
        browser.signIn();
        String first = browser.cookie("sid");
        provider.nextSignIn("cust-rotate");
        browser.signIn();
        String second = browser.cookie("sid");

        assertThat(second).isNotEqualTo(first);
        assertThat(count(
                        server,
                        "SELECT count(*) FROM web_session s JOIN contact c ON c.id = s.contact_id"
                                + " WHERE c.external_id = 'cust-rotate'"))
                .isEqualTo(1L);
    }

    @Test
    void aWrongStateOrAnotherBrowsersStateIsRefused() {
        contact(server, "cust-state");
        provider.nextSignIn("cust-state");
        var browser = new OidcBrowser(server.localUrl(""));
        URI callback = browser.authorize(browser.start());
        String state = query(callback).get("state");
        long before = sessions(server);

        var wrong = browser.get(URI.create(callback.toString().replace("state=" + state, "state=forged-state-value")));
        var stranger = new OidcBrowser(server.localUrl("")).get(callback);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("expired or was started in another browser");
        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(sessions(server)).isEqualTo(before);
        // neither attempt used up the real one
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
    }

    @Test
    void aReplayedCodeIsRefusedByUsAndByTheProvider() {
        contact(server, "cust-replay");
        provider.nextSignIn("cust-replay");
        var browser = new OidcBrowser(server.localUrl(""));
        URI callback = browser.authorize(browser.start());
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);

        var again = browser.get(callback);
        assertThat(again.statusCode()).isEqualTo(400);

        // the same code under a fresh state of ours: now the provider refuses it (used, and PKCE differs)
        String freshState = query(browser.start()).get("state");
        String code = query(callback).get("code");
        var replayed = browser.get(
                URI.create(server.localUrl(OidcSignIn.CALLBACK) + "?code=" + code + "&state=" + freshState));
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("could not confirm your sign-in");
    }

    @Test
    void anExpiredIdTokenIsRefusedAndTheSameTokenInTimeIsAccepted() {
        contact(server, "cust-expired");
        long before = sessions(server);
        Instant now = Instant.now();

        assertThat(signInWithTokenFromProvider(
                                "cust-expired",
                                now.minus(Duration.ofHours(2)),
                                now.minus(Duration.ofHours(1)),
                                AccountCenterProvider.Signing.PUBLISHED)
                        .statusCode())
                .isEqualTo(401);
        assertThat(sessions(server)).isEqualTo(before);
        // the same hand-made answer, in time: the refusal above was the expiry, not the way it was made
        assertThat(signInWithTokenFromProvider(
                                "cust-expired",
                                now,
                                now.plus(Duration.ofMinutes(5)),
                                AccountCenterProvider.Signing.PUBLISHED)
                        .statusCode())
                .isEqualTo(303);
    }

    /** A sign-in whose token endpoint answer is an ID token with these times and this signature. */
    private static HttpResponse<String> signInWithTokenFromProvider(
            String subject, Instant issuedAt, Instant expiresAt, AccountCenterProvider.Signing signing) {
        return signInWithTokenFromProvider(server, subject, issuedAt, expiresAt, signing);
    }

    private static HttpResponse<String> signInWithTokenFromProvider(
            TestServer on, String subject, Instant issuedAt, Instant expiresAt, AccountCenterProvider.Signing signing) {
        var browser = new OidcBrowser(on.localUrl(""));
        URI authorize = browser.start();
        provider.nextTokenResponse(subject, query(authorize).get("nonce"), issuedAt, expiresAt, signing);
        return browser.get(browser.authorize(authorize));
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        contact(server, "cust-issuer");
        provider.nextSignIn("cust-issuer", Map.of("iss", "http://localhost:1/someone-else"), 3600);

        assertThat(new OidcBrowser(server.localUrl("")).signIn().statusCode()).isEqualTo(401);
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() {
        contact(server, "cust-audience");
        provider.nextSignIn("cust-audience", Map.of("aud", List.of("another-client")), 3600);

        assertThat(new OidcBrowser(server.localUrl("")).signIn().statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownSubjectGetsAClearPageAndNoContactIsCreated() {
        long contacts = count(server, "SELECT count(*) FROM contact");
        provider.nextSignIn("nobody-we-know");

        var answer = new OidcBrowser(server.localUrl("")).signIn();

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("has no Support PIN access here yet");
        assertThat(count(server, "SELECT count(*) FROM contact")).isEqualTo(contacts);
    }

    @Test
    void aDisabledContactCannotSignInWithTheAccountCenter() {
        contact(server, "cust-disabled");
        String key = OperatorCli.createApiKey(server, "disabler");
        var disabled = new ApiClient(server, ApiContract.load(), key).delete("/api/v1/contacts/cust-disabled");
        assertThat(disabled.status()).isEqualTo(204);
        provider.nextSignIn("cust-disabled");

        assertThat(new OidcBrowser(server.localUrl("")).signIn().statusCode()).isEqualTo(403);
    }

    @Test
    void logoutEndsOurSessionAndSendsTheBrowserToTheProvidersLogout() {
        contact(server, "cust-logout");
        provider.nextSignIn("cust-logout");
        var browser = new OidcBrowser(server.localUrl(""));
        browser.signIn();
        String csrf = csrfOf(browser.get(WebPaths.SUPPORT_PIN).body());

        var out = browser.postForm(WebPaths.LOGOUT, "csrf=" + csrf);

        assertThat(out.statusCode()).isEqualTo(303);
        URI logout = URI.create(out.headers().firstValue("Location").orElseThrow());
        assertThat(logout.toString()).startsWith(provider.issuer() + "/endsession");
        assertThat(query(logout))
                .containsEntry("client_id", AccountCenterProvider.CLIENT_ID)
                .containsEntry("post_logout_redirect_uri", server.localUrl(WebPaths.LOGIN));
        assertThat(browser.get(WebPaths.SUPPORT_PIN).statusCode()).isEqualTo(303);
        assertThat(browser.get(logout).headers().firstValue("Location")).contains(server.localUrl(WebPaths.LOGIN));
        assertThat(browser.get(WebPaths.LOGIN)
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow())
                .contains("form-action 'self' " + OidcSignIn.origin(URI.create(provider.issuer())));
    }

    @Test
    void theProvidersKeyRotationIsFollowedAndKeysItNeverPublishedAreRefused() {
        // a server of its own: the first sign-in loads the JWKS, so the rotation below is a real refetch
        try (var fresh = TestServer.startLocal(provider.env())) {
            contact(fresh, "cust-keys");
            provider.nextSignIn("cust-keys");
            assertThat(new OidcBrowser(fresh.localUrl("")).signIn().statusCode())
                    .isEqualTo(303);

            provider.rotateKey();
            provider.nextSignIn("cust-keys");
            assertThat(new OidcBrowser(fresh.localUrl("")).signIn().statusCode())
                    .isEqualTo(303);

            Instant now = Instant.now();
            assertThat(signInWithTokenFromProvider(
                                    fresh,
                                    "cust-keys",
                                    now,
                                    now.plus(Duration.ofMinutes(5)),
                                    AccountCenterProvider.Signing.FORGED_SAME_KEY_ID)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(signInWithTokenFromProvider(
                                    fresh,
                                    "cust-keys",
                                    now,
                                    now.plus(Duration.ofMinutes(5)),
                                    AccountCenterProvider.Signing.FORGED_UNKNOWN_KEY_ID)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(signInWithTokenFromProvider(
                                    fresh,
                                    "cust-keys",
                                    now,
                                    now.plus(Duration.ofMinutes(5)),
                                    AccountCenterProvider.Signing.PUBLISHED)
                            .statusCode())
                    .isEqualTo(303);
        }
    }

    @Test
    void withPasswordSignInSwitchedOffOnlyTheAccountCenterSignsIn() {
        var env = new HashMap<>(provider.env());
        env.put("PASSWORD_SIGN_IN", "false");
        try (var strict = TestServer.startLocal(env)) {
            contact(strict, "cust-strict");
            var browser = new OidcBrowser(strict.localUrl(""));
            var login = browser.get(WebPaths.LOGIN);
            assertThat(login.body())
                    .contains("Sign in with your account center", OidcSignIn.START)
                    .doesNotContain("type=\"password\"");
            assertThat(browser.postForm(WebPaths.LOGIN, "email=cust-strict%40example.com&password=correct+horse+99")
                            .statusCode())
                    .isEqualTo(403);
            var json = new WebClient(strict)
                    .postJson(
                            WebPaths.API_SESSION,
                            "{\"email\":\"cust-strict@example.com\",\"password\":\"correct horse 99\"}");
            assertThat(json.status()).isEqualTo(403);

            provider.nextSignIn("cust-strict");
            assertThat(browser.signIn().statusCode()).isEqualTo(303);
        }
    }

    private static String csrfOf(String html) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
