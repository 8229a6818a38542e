package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.ops.OpsPaths;
import com.supportpin.support.TestServer;
import com.supportpin.support.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing in and out of the customer web, against the real server and PostgreSQL. */
class SignInTest {

    private static final String SESSION_COOKIE = "__Host-sid";
    private static final String LOGIN_COOKIE = "__Host-login";

    /** Room on the hashing executor for all parallel guesses: the throttle's cap is tested here, the 503s in SignInBusyTest. */
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("HASHING_QUEUE", "32"));

    private static int accounts = 7000;

    private String alice;
    private String bob;

    @BeforeEach
    void addContactsAndForgetEarlierFailures() {
        // every test starts outside the throttle window of the tests before it
        server.clock().advance(SignInThrottle.WINDOW.plusMinutes(1));
        String account = String.valueOf(accounts++);
        alice = "alice" + account + "@example.com";
        bob = "bob" + account + "@example.com";
        server.addContact(account, "Alice Example", alice, "correct horse 1");
        server.addContact(account, "Bob Example", bob, "correct horse 2");
    }

    @Test
    void theRightPasswordStartsASessionAndOpensThePinPage() {
        var browser = new WebClient(server);

        var signedIn = browser.signIn(alice, "correct horse 1");

        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).contains(WebPaths.SUPPORT_PIN);
        assertThat(signedIn.setCookies())
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith(SESSION_COOKIE + "=")
                        .contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/")
                        .doesNotContain("Domain"));
        assertThat(browser.cookie(SESSION_COOKIE).orElseThrow()).hasSize(22);
        assertThat(browser.cookie(LOGIN_COOKIE))
                .as("the pre-session nonce is dropped")
                .isEmpty();
        var page = browser.get(WebPaths.SUPPORT_PIN);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Alice Example").contains("account <strong id=\"account-number\">");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        var wrongPassword = new WebClient(server).signIn(alice, "not the password");
        var unknownEmail = new WebClient(server).signIn("nobody-" + alice, "not the password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(errorOf(wrongPassword.body()))
                .isEqualTo(SignInPage.BAD_CREDENTIALS)
                .isEqualTo(errorOf(unknownEmail.body()));
        assertThat(wrongPassword.setCookies()).noneMatch(cookie -> cookie.startsWith(SESSION_COOKIE + "="));
        assertThat(unknownEmail.setCookies()).noneMatch(cookie -> cookie.startsWith(SESSION_COOKIE + "="));
        assertThat(wrongPassword.body()).contains("role=\"alert\"");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailTakeComparableTime() {
        var wrong = new ArrayList<Long>();
        var unknown = new ArrayList<Long>();
        for (int round = 0; round < 4; round++) {
            String suffix = String.valueOf(round);
            wrong.add(timed(() -> new WebClient(server).signIn(alice, "not the password " + suffix)));
            unknown.add(timed(() -> new WebClient(server).signIn("ghost" + suffix + alice, "not the password")));
        }
        long wrongMedian = median(wrong);
        long unknownMedian = median(unknown);
        System.out.printf(
                "sign-in timing: wrong password median %d ms, unknown e-mail median %d ms%n",
                wrongMedian, unknownMedian);
        // both spend one Argon2id verification; a shared CI machine only allows a loose bound
        assertThat(unknownMedian).isGreaterThan(wrongMedian / 3);
        assertThat(wrongMedian).isGreaterThan(unknownMedian / 3);
    }

    @Test
    void whatWasTypedIsShownBackEscaped() {
        var page = new WebClient(server).signIn("\"><script>alert(1)</script>@example.com", "whatever1");

        assertThat(page.body())
                .doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void anEmptyFormIsAskedAgainWithoutCountingAsAFailure() {
        var browser = new WebClient(server);
        String csrf = browser.get(WebPaths.LOGIN).csrf();

        long failuresBefore = failuresRecorded();

        var page = browser.postForm(WebPaths.LOGIN, Map.of("csrf", csrf, "email", alice, "password", ""));

        assertThat(page.status()).isEqualTo(400);
        assertThat(errorOf(page.body())).isEqualTo(SignInPage.MISSING_FIELDS);
        assertThat(failuresRecorded()).as("failed sign-ins on record").isEqualTo(failuresBefore);
    }

    private static long failuresRecorded() {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM sign_in_failure")
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void tenFailuresForOneEmailLockItFromEveryAddressForFifteenMinutes() {
        var attacker = new WebClient(server, "127.0.0.5");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(attacker.signIn(alice, "guess number " + i).status()).isEqualTo(401);
        }

        var throttled = attacker.signIn(alice, "correct horse 1");
        var elsewhere = new WebClient(server, "127.0.0.6").signIn(alice, "correct horse 1");
        var otherContact = new WebClient(server, "127.0.0.6").signIn(bob, "correct horse 2");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("900");
        assertThat(errorOf(throttled.body()))
                .isEqualTo("Too many sign-in attempts. Please wait 15 minutes and try again.");
        assertThat(elsewhere.status())
                .as("the cap is per e-mail, not only per address")
                .isEqualTo(429);
        assertThat(otherContact.status()).isEqualTo(303);

        server.clock().advance(Duration.ofMinutes(5));
        assertThat(new WebClient(server, "127.0.0.6")
                        .signIn(alice, "correct horse 1")
                        .header("Retry-After"))
                .contains("600");
        server.clock().advance(Duration.ofMinutes(10));
        assertThat(new WebClient(server, "127.0.0.6")
                        .signIn(alice, "correct horse 1")
                        .status())
                .isEqualTo(303);
    }

    @Test
    void tenFailuresFromOneAddressLockThatAddressForAnyEmail() {
        var attacker = new WebClient(server, "127.0.0.7");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(attacker.signIn("victim" + i + "-" + alice, "guess").status())
                    .isEqualTo(401);
        }

        var throttled = attacker.signIn(bob, "correct horse 2");
        var elsewhere = new WebClient(server, "127.0.0.8").signIn(bob, "correct horse 2");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("900");
        assertThat(elsewhere.status()).isEqualTo(303);
    }

    @Test
    void parallelGuessesCannotOverrunTheCap() throws Exception {
        var pool = Executors.newFixedThreadPool(20);
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 20; i++) {
                String guess = "parallel guess " + i;
                var client = new WebClient(server, "127.0.2." + (i + 1));
                String csrf = client.get(WebPaths.LOGIN).csrf();
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.postForm(WebPaths.LOGIN, Map.of("csrf", csrf, "email", alice, "password", guess))
                            .status();
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }

            // At most the cap reach a password check; on a starved machine the throttle may refuse a few
            // more itself (fail closed, 429 with a short Retry-After) rather than wait past its timeout.
            assertThat(statuses).allMatch(status -> status == 401 || status == 429);
            assertThat(statuses)
                    .filteredOn(status -> status == 401)
                    .hasSizeLessThanOrEqualTo(SignInThrottle.MAX_FAILURES);
            assertThat(statuses)
                    .filteredOn(status -> status == 429)
                    .hasSizeGreaterThanOrEqualTo(20 - SignInThrottle.MAX_FAILURES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeAKnownOne() {
        var attacker = new WebClient(server, "127.0.0.9");
        String ghost = "ghost-" + alice;
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(new WebClient(server, "127.0.1." + (i + 1))
                            .signIn(ghost, "guess " + i)
                            .status())
                    .isEqualTo(401);
        }

        var throttled = attacker.signIn(ghost, "guess");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("900");
    }

    @Test
    void aSuccessfulSignInClearsTheEmailsEarlierFailures() {
        var browser = new WebClient(server, "127.0.0.10");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            browser.signIn(alice, "typo " + i);
        }
        assertThat(browser.signIn(alice, "correct horse 1").status()).isEqualTo(303);

        var fromElsewhere = new WebClient(server, "127.0.0.11");
        assertThat(fromElsewhere.signIn(alice, "one more typo").status()).isEqualTo(401);
        assertThat(fromElsewhere.signIn(alice, "correct horse 1").status()).isEqualTo(303);
    }

    @Test
    void theJsonSignInIsThrottledToo() {
        var program = new WebClient(server, "127.0.0.12");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(program.postJson(
                                    WebPaths.API_SESSION,
                                    "{\"email\":\"" + alice + "\",\"password\":\"guess " + i + "\"}")
                            .status())
                    .isEqualTo(401);
        }

        var throttled = program.postJson(
                WebPaths.API_SESSION, "{\"email\":\"" + alice + "\",\"password\":\"correct horse 1\"}");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("900");
        assertThat(throttled.body()).contains("too many sign-in attempts");
        assertThat(new WebClient(server, "127.0.0.13")
                        .signIn(alice, "correct horse 1")
                        .status())
                .as("the form and the API share one cap")
                .isEqualTo(429);
    }

    @Test
    void aSignInWithoutTheFormTokenIsRejected() {
        var browser = new WebClient(server);
        browser.get(WebPaths.LOGIN);

        var page = browser.postForm(WebPaths.LOGIN, Map.of("email", alice, "password", "correct horse 1"));

        assertThat(page.status()).isEqualTo(403);
        assertThat(errorOf(page.body())).isEqualTo(SignInPage.FORM_EXPIRED);
        assertThat(browser.cookie(SESSION_COOKIE)).isEmpty();
    }

    @Test
    void aSignInWithAWrongOrForeignFormTokenIsRejected() {
        var victim = new WebClient(server);
        var attacker = new WebClient(server);
        String attackersToken = attacker.get(WebPaths.LOGIN).csrf();
        String victimsToken = victim.get(WebPaths.LOGIN).csrf();

        var forged = victim.postForm(
                WebPaths.LOGIN, Map.of("csrf", attackersToken, "email", alice, "password", "correct horse 1"));
        var tampered = victim.postForm(
                WebPaths.LOGIN,
                Map.of("csrf", victimsToken.substring(1) + "A", "email", alice, "password", "correct horse 1"));
        var noCookie = new WebClient(server)
                .postForm(WebPaths.LOGIN, Map.of("csrf", victimsToken, "email", alice, "password", "correct horse 1"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(noCookie.status()).isEqualTo(403);
        assertThat(victim.cookie(SESSION_COOKIE)).isEmpty();
    }

    @Test
    void theFormTokenWorksOnAnotherInstanceOfTheApp() {
        var browser = new WebClient(server);
        String csrf = browser.get(WebPaths.LOGIN).csrf();
        try (var second = TestServer.start(server.databaseUrl(), Map.of())) {
            second.clock()
                    .advance(Duration.between(
                            second.clock().instant(), server.clock().instant()));
            var onSecond = new WebClient(second);
            browser.cookie(LOGIN_COOKIE).ifPresent(nonce -> onSecond.setCookie(LOGIN_COOKIE, nonce));

            var signedIn = onSecond.postForm(
                    WebPaths.LOGIN, Map.of("csrf", csrf, "email", alice, "password", "correct horse 1"));

            assertThat(signedIn.status()).isEqualTo(303);
            onSecond.cookie(SESSION_COOKIE).ifPresent(id -> browser.setCookie(SESSION_COOKIE, id));
            assertThat(browser.get(WebPaths.SUPPORT_PIN).status())
                    .as("its session serves here too")
                    .isEqualTo(200);
        }
    }

    @Test
    void signingInRotatesTheSessionId() {
        var browser = new WebClient(server);
        browser.setCookie(SESSION_COOKIE, "planted-by-an-attacker");
        browser.signIn(alice, "correct horse 1");
        String first = browser.cookie(SESSION_COOKIE).orElseThrow();
        assertThat(first).isNotEqualTo("planted-by-an-attacker");

        // a sign-in form opened before, in another tab, submitted while signed in
        var otherTab = new WebClient(server);
        String csrf = otherTab.get(WebPaths.LOGIN).csrf();
        browser.setCookie(LOGIN_COOKIE, otherTab.cookie(LOGIN_COOKIE).orElseThrow());
        browser.postForm(WebPaths.LOGIN, Map.of("csrf", csrf, "email", bob, "password", "correct horse 2"));
        String second = browser.cookie(SESSION_COOKIE).orElseThrow();

        assertThat(second).isNotEqualTo(first);
        var withOldId = new WebClient(server);
        withOldId.setCookie(SESSION_COOKIE, first);
        assertThat(withOldId.get(WebPaths.SUPPORT_PIN).status())
                .as("the old session is gone")
                .isEqualTo(303);
        assertThat(browser.get(WebPaths.SUPPORT_PIN).body()).contains("Bob Example");
    }

    @Test
    void signingOutDeletesTheSessionSoTheOldCookieNoLongerWorks() {
        var browser = new WebClient(server);
        browser.signIn(alice, "correct horse 1");
        String sessionId = browser.cookie(SESSION_COOKIE).orElseThrow();
        String csrf = browser.get(WebPaths.SUPPORT_PIN).csrf();

        var signedOut = browser.postForm(WebPaths.LOGOUT, Map.of("csrf", csrf));

        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(signedOut.header("Location")).contains(WebPaths.LOGIN);
        assertThat(signedOut.setCookies())
                .anySatisfy(cookie ->
                        assertThat(cookie).startsWith(SESSION_COOKIE + "=;").contains("Max-Age=0"));
        var replay = new WebClient(server);
        replay.setCookie(SESSION_COOKIE, sessionId);
        var page = replay.get(WebPaths.SUPPORT_PIN);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).contains(WebPaths.LOGIN);
        assertThat(sessionsOf(alice)).isZero();
    }

    @Test
    void signingOutWithoutTheSessionsTokenIsRejected() {
        var browser = new WebClient(server);
        browser.signIn(alice, "correct horse 1");

        var without = browser.postForm(WebPaths.LOGOUT, Map.of());
        var wrong = browser.postForm(WebPaths.LOGOUT, Map.of("csrf", "AAAAAAAAAAAAAAAAAAAAAA"));

        assertThat(without.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(browser.get(WebPaths.SUPPORT_PIN).status())
                .as("still signed in")
                .isEqualTo(200);
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        var browser = new WebClient(server);
        browser.signIn(alice, "correct horse 1");
        server.clock().advance(Duration.ofMinutes(29));
        assertThat(browser.get(WebPaths.SUPPORT_PIN).status()).isEqualTo(200);

        server.clock().advance(Duration.ofMinutes(31));

        assertThat(browser.get(WebPaths.SUPPORT_PIN).status()).isEqualTo(303);
    }

    @Test
    void theRootSendsEachVisitorToTheRightPage() {
        var browser = new WebClient(server);
        assertThat(browser.get(WebPaths.ROOT).header("Location")).contains(WebPaths.LOGIN);

        browser.signIn(alice, "correct horse 1");

        assertThat(browser.get(WebPaths.ROOT).header("Location")).contains(WebPaths.SUPPORT_PIN);
        assertThat(browser.get(WebPaths.LOGIN).header("Location")).contains(WebPaths.SUPPORT_PIN);
    }

    @Test
    void everyPageAndJsonAnswerCarriesTheSecurityHeaders() {
        var browser = new WebClient(server);
        var pages = new ArrayList<WebClient.Page>();
        pages.add(browser.get(WebPaths.LOGIN));
        pages.add(browser.get(WebPaths.ROOT));
        pages.add(browser.get("/no-such-page"));
        pages.add(browser.get(OpsPaths.HEALTH));
        pages.add(browser.postJson(WebPaths.API_SESSION, "{}"));
        pages.add(browser.get(WebPaths.STYLESHEET));
        browser.signIn(alice, "correct horse 1");
        pages.add(browser.get(WebPaths.SUPPORT_PIN));

        for (var page : pages) {
            assertThat(page.header("Content-Security-Policy")).contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(page.header("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.header("X-Frame-Options")).contains("DENY");
            assertThat(page.header("Referrer-Policy")).contains("no-referrer");
            assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.header("Strict-Transport-Security")).isPresent();
        }
        assertThat(pages.get(0).header("Cache-Control")).contains("no-store");
        assertThat(pages.get(6).header("Cache-Control")).contains("no-store");
    }

    @Test
    void theJsonApiTakesOnlyJsonBodies() {
        var browser = new WebClient(server);
        browser.signIn(alice, "correct horse 1");

        var form = browser.postForm(WebPaths.API_SUPPORT_PIN, Map.of());
        var json = browser.postJson(WebPaths.API_SUPPORT_PIN, "{}");

        assertThat(form.status()).isEqualTo(415);
        assertThat(json.status()).isEqualTo(201);
    }

    private static long sessionsOf(String email) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT count(*) FROM web_session s JOIN contact c ON c.id = s.contact_id WHERE c.email = :email")
                        .bind("email", email)
                        .mapTo(Long.class)
                        .one());
    }

    static String errorOf(String html) {
        var matcher = Pattern.compile("role=\"alert\"[^>]*>([^<]*)<").matcher(html);
        return matcher.find() ? matcher.group(1).trim() : null;
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
