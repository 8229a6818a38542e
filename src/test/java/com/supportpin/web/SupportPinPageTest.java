package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Support PIN page, against the real server and PostgreSQL, checked through the phone line too. */
class SupportPinPageTest {

    private static final Pattern DIGIT = Pattern.compile("<span class=\"digit\">([0-9])</span>");
    private static final Pattern STATUS = Pattern.compile("<p id=\"pin-status\">\\s*(.*?)\\s*</p>", Pattern.DOTALL);

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static int accounts = 8000;

    private String account;
    private String aliceEmail;
    private String bobEmail;
    private long alice;
    private WebClient browser;
    private final List<String> locations = new ArrayList<>();

    @BeforeEach
    void signInAsAlice() {
        server.clock().advance(Duration.ofHours(1));
        account = String.valueOf(accounts++);
        aliceEmail = "alice" + account + "@example.com";
        bobEmail = "bob" + account + "@example.com";
        alice = server.addContact(account, "Alice Example", aliceEmail, "correct horse 1");
        server.addContact(account, "Bob Example", bobEmail, "correct horse 2");
        browser = new WebClient(server);
        remember(browser.signIn(aliceEmail, "correct horse 1"));
    }

    @Test
    void thePageSaysWhoIsSignedInAndThatThereIsNoPinYet() {
        var page = remember(browser.get(WebPaths.SUPPORT_PIN));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.body())
                .contains("<html lang=\"en\">", "name=\"viewport\"")
                .contains("<strong id=\"contact-name\">Alice Example</strong>")
                .contains("<strong id=\"account-number\">" + account + "</strong>")
                .contains("<button type=\"submit\" class=\"primary\" id=\"generate-pin\">Generate PIN</button>")
                .doesNotContain("<script>")
                .doesNotContain("style=");
        assertThat(statusOf(page.body())).isEqualTo("You have no Support PIN yet.");
    }

    @Test
    void generatingShowsThePinOnceAndItVerifiesACallerAsThisContact() {
        var page = remember(generate());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Location")).isEmpty();
        String pin = pinOf(page.body());
        assertThat(pin).hasSize(4);
        String expiresAt =
                server.clock().instant().plus(Duration.ofMinutes(90)).toString().substring(11, 16);
        assertThat(page.body())
                .contains("Valid for one call.")
                .contains(">" + expiresAt + " UTC</time>")
                .contains("Only for <strong>Alice Example</strong>")
                .contains("We will never ask for your password on the phone.")
                .contains("<script src=\"" + WebPaths.SUPPORT_PIN_SCRIPT + "\" defer></script>")
                .doesNotContain("pin-replaced");

        var call = twilio.call("+14155550123");
        call.incoming();
        call.account(account);
        var verified = call.pin(pin);
        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");
        assertThat(contactOfCall(call.callSid())).isEqualTo(alice);
        assertThat(remember(browser.get(WebPaths.SUPPORT_PIN)).body()).doesNotContain(pin(pin));
    }

    @Test
    void generatingAgainReplacesThePreviousPinAndSaysSo() {
        String first = pinOf(generate().body());

        var second = remember(generate());

        assertThat(second.body()).contains("Your previous PIN was replaced and no longer works.");
        var call = twilio.call("+14155550124");
        call.incoming();
        call.account(account);
        String wrongOrOld = first.equals(pinOf(second.body())) ? null : first;
        if (wrongOrOld != null) {
            assertThat(Twiml.text(call.pin(wrongOrOld).body(), "Enqueue")).isNull();
        }
    }

    @Test
    void thePageShowsWhetherTheLatestPinIsActiveUsedExpiredOrCancelled() {
        String pin = pinOf(generate().body());
        String until =
                server.clock().instant().plus(Duration.ofMinutes(90)).toString().substring(11, 16);
        assertThat(statusOf(browser.get(WebPaths.SUPPORT_PIN).body()))
                .startsWith("Your PIN is active until <strong>" + until + " UTC</strong>.");

        server.clock().advance(Duration.ofMinutes(7));
        String usedAt = server.clock().instant().toString().substring(11, 16);
        var call = twilio.call("+14155550125");
        call.incoming();
        call.account(account);
        call.pin(pin);
        assertThat(statusOf(browser.get(WebPaths.SUPPORT_PIN).body()))
                .isEqualTo("Your last PIN was used for a call at <strong>" + usedAt + " UTC</strong>.");

        generate();
        server.clock().advance(Duration.ofMinutes(91));
        browser.signIn(aliceEmail, "correct horse 1");
        assertThat(statusOf(browser.get(WebPaths.SUPPORT_PIN).body())).startsWith("Your last PIN expired at");

        String live = pinOf(generate().body());
        String wrong = live.equals("0000") ? "1111" : "0000";
        String cancelledAt = server.clock().instant().toString().substring(11, 16);
        // five wrong PINs for the account, over two calls (a call ends after three), lock it and revoke its PINs
        for (int calls = 0, failures = 0; calls < 2; calls++) {
            var guesser = twilio.call("+1415555013" + calls);
            guesser.incoming();
            for (int i = 0; i < 3 && failures < 5; i++, failures++) {
                guesser.account(account);
                guesser.pin(wrong);
            }
        }
        assertThat(statusOf(browser.get(WebPaths.SUPPORT_PIN).body()))
                .startsWith("Your last PIN was cancelled at <strong>" + cancelledAt + " UTC</strong>");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnPinState() {
        var bob = new WebClient(server, "127.0.0.20");
        remember(bob.signIn(bobEmail, "correct horse 2"));
        String bobsPin = pinOf(generateAs(bob).body());

        var alicesPage = remember(browser.get(WebPaths.SUPPORT_PIN + "?contact=" + alice + "&contactId=" + alice));
        assertThat(statusOf(alicesPage.body())).isEqualTo("You have no Support PIN yet.");
        assertThat(alicesPage.body()).contains("Alice Example").doesNotContain("Bob Example");

        var bobsPage = remember(bob.get(WebPaths.SUPPORT_PIN));
        assertThat(statusOf(bobsPage.body())).startsWith("Your PIN is active until");
        assertThat(bobsPage.body()).doesNotContain(pin(bobsPin));
    }

    @Test
    void noPinIsGeneratedWithoutTheSessionsFormToken() {
        var without = remember(browser.postForm(WebPaths.SUPPORT_PIN, Map.of()));
        var wrong = remember(browser.postForm(WebPaths.SUPPORT_PIN, Map.of("csrf", "AAAAAAAAAAAAAAAAAAAAAA")));
        var json = remember(browser.postJson(WebPaths.SUPPORT_PIN, "{}"));

        assertThat(without.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(json.status()).isEqualTo(403);
        assertThat(wrong.body()).contains("role=\"alert\"").contains("No PIN was generated");
        assertThat(DIGIT.matcher(wrong.body()).find()).isFalse();
        assertThat(pinsOf(alice)).isZero();
    }

    @Test
    void withoutASessionThePinPageSendsToSignInAndGeneratesNothing() {
        var stranger = new WebClient(server);

        var page = remember(stranger.get(WebPaths.SUPPORT_PIN));
        var post = remember(stranger.postForm(WebPaths.SUPPORT_PIN, Map.of("csrf", "x")));

        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).contains(WebPaths.LOGIN);
        assertThat(post.status()).isEqualTo(303);
        assertThat(pinsOf(alice)).isZero();
    }

    @Test
    void namesAreShownEscaped() {
        String email = "eve" + account + "@example.com";
        server.addContact(account, "<img src=x onerror=alert(1)>", email, "correct horse 3");
        var eve = new WebClient(server, "127.0.0.21");
        eve.signIn(email, "correct horse 3");

        var page = eve.get(WebPaths.SUPPORT_PIN);

        assertThat(page.body()).doesNotContain("<img").contains("&lt;img src");
    }

    @Test
    void noPinEverAppearsInAUrlOrRedirect() {
        String pin = pinOf(remember(generate()).body());
        remember(browser.get(WebPaths.SUPPORT_PIN));
        remember(browser.get(WebPaths.ROOT));
        String csrf = browser.get(WebPaths.SUPPORT_PIN).csrf();
        remember(browser.postForm(WebPaths.LOGOUT, Map.of("csrf", csrf)));

        assertThat(locations)
                .isNotEmpty()
                .allSatisfy(location -> assertThat(location)
                        .isIn(WebPaths.LOGIN, WebPaths.SUPPORT_PIN, WebPaths.ROOT)
                        .doesNotContain(pin));
        var page = generateAs(signedIn());
        var urls = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"")
                .matcher(page.body())
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).matches("^(/[a-z/.-]*|#main)$"));
    }

    @Test
    void theScriptAndStylesheetAreServedByTheAppItself() {
        var script = browser.get(WebPaths.SUPPORT_PIN_SCRIPT);
        var stylesheet = browser.get(WebPaths.STYLESHEET);

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.body()).contains("data-expires-at");
        assertThat(stylesheet.header("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(generate().body()).doesNotContain("http://", "https://");
    }

    private WebClient signedIn() {
        var client = new WebClient(server, "127.0.0.22");
        client.signIn(aliceEmail, "correct horse 1");
        return client;
    }

    private WebClient.Page generate() {
        return generateAs(browser);
    }

    private static WebClient.Page generateAs(WebClient client) {
        String csrf = client.get(WebPaths.SUPPORT_PIN).csrf();
        return client.postForm(WebPaths.SUPPORT_PIN, Map.of("csrf", csrf));
    }

    private WebClient.Page remember(WebClient.Page page) {
        page.header("Location").ifPresent(locations::add);
        return page;
    }

    /** The PIN's digits as the page shows them, one span per digit. */
    static String pinOf(String html) {
        var digits = new StringBuilder();
        DIGIT.matcher(html).results().forEach(match -> digits.append(match.group(1)));
        return digits.toString();
    }

    /** The PIN as it would appear in a page's digit spans. */
    private static String pin(String pin) {
        var html = new StringBuilder();
        pin.chars()
                .forEach(digit -> html.append("<span class=\"digit\">")
                        .append((char) digit)
                        .append("</span>"));
        return html.toString();
    }

    private static String statusOf(String html) {
        var matcher = STATUS.matcher(html);
        return matcher.find() ? matcher.group(1).replaceAll("\\s+", " ").trim() : null;
    }

    private static long pinsOf(long contactId) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT count(*) FROM support_pin WHERE contact_id = :id")
                        .bind("id", contactId)
                        .mapTo(Long.class)
                        .one());
    }

    private static Long contactOfCall(String callSid) {
        return server.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT contact_id FROM call WHERE call_sid = :sid")
                        .bind("sid", callSid)
                        .mapTo(Long.class)
                        .one());
    }
}
