package com.supportpin.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.AccountCenterProvider;
import com.supportpin.support.ApiClient;
import com.supportpin.support.ApiContract;
import com.supportpin.support.HeadlessChromium;
import com.supportpin.support.OperatorCli;
import com.supportpin.support.Started;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.web.WebPaths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole account center integration end to end, in real headless Chromium against a real OpenID Connect
 * provider: the backend creates the contact through /api/v1, the customer signs in at the provider's login
 * page, generates a PIN, the PIN verifies a call through the signed voice webhooks, and logout ends both
 * sessions. Then the backend disables the contact: its sign-in is refused and its new PIN never came.
 */
class AccountCenterBrowserTest {

    private static AccountCenterProvider provider;
    private static TestServer server;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        provider = AccountCenterProvider.startWithLoginPage();
        server = TestServer.startLocal(provider.env());
        chromium = HeadlessChromium.start(Map.of("TZ", "UTC"));
    }

    @AfterAll
    static void stop() throws Exception {
        Started.closeAll(chromium, server, provider);
    }

    @Test
    void aContactCreatedThroughTheApiSignsInAtTheAccountCenterAndItsPinVerifiesACall() {
        var api = new ApiClient(server, ApiContract.load(), OperatorCli.createApiKey(server, "account-center"));
        assertThat(api.put(
                                "/api/v1/contacts/acme-4343",
                                "{\"accountNumber\":\"4343\",\"name\":\"Erin Example\","
                                        + "\"email\":\"erin@example.com\",\"phone\":\"+14155550143\"}")
                        .status())
                .isEqualTo(201);
        var browser = chromium.driver();
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(server.localUrl(WebPaths.LOGIN));
        chromium.screenshot("account-center-sign-in.png");
        chromium.assertAccessible("sign-in with the account center's button");
        browser.findElement(By.id("provider-sign-in")).click();
        wait.until(ExpectedConditions.urlContains(provider.issuer()));
        chromium.screenshot("account-center-login.png");
        browser.findElement(By.name("username")).sendKeys("acme-4343" + Keys.ENTER);
        wait.until(ExpectedConditions.urlContains(WebPaths.SUPPORT_PIN));
        assertThat(browser.findElement(By.id("contact-name")).getText()).isEqualTo("Erin Example");
        assertThat(browser.manage().getCookieNamed("sid").isHttpOnly()).isTrue();

        browser.findElement(By.id("generate-pin")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("support-pin")));
        String pin = browser.findElement(By.id("support-pin")).getText().replaceAll("[^0-9]", "");
        assertThat(pin).hasSize(4);
        chromium.screenshot("account-center-pin.png");

        var call = server.twilio().call("+14155550143");
        call.incoming();
        call.account("4343");
        var verified = call.pin(pin);
        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");

        // logout: our session ends, then the provider's (RP-initiated logout), then back to our sign-in page
        browser.findElement(By.cssSelector("form.sign-out button")).click();
        wait.until(ExpectedConditions.urlContains(WebPaths.LOGIN));
        browser.get(server.localUrl(WebPaths.SUPPORT_PIN));
        wait.until(ExpectedConditions.urlContains(WebPaths.LOGIN));

        // the backend closes the account: no sign-in, no PIN
        assertThat(api.delete("/api/v1/contacts/acme-4343").status()).isEqualTo(204);
        browser.findElement(By.id("provider-sign-in")).click();
        wait.until(ExpectedConditions.urlContains(provider.issuer()));
        browser.findElement(By.name("username")).sendKeys("acme-4343" + Keys.ENTER);
        wait.until(ExpectedConditions.urlContains(OidcSignIn.CALLBACK));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No Support PIN access yet");
        chromium.assertAccessible("account center sign-in of no contact here");
        assertThat(api.post("/api/v1/contacts/acme-4343/support-pin").status()).isEqualTo(409);
    }
}
