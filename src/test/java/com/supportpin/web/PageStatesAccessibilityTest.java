package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.HeadlessChromium;
import com.supportpin.support.Started;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * axe-core on every state of the customer's pages that the happy path does not reach: the PIN page with a PIN
 * that is active, replaced, used, expired or cancelled; the sign-in form expired and throttled; the error page.
 */
class PageStatesAccessibilityTest {

    private static final String EMAIL = "stella@example.com";
    private static final String PASSWORD = "correct horse 31";

    private static TestServer server;
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void startServerAndBrowser() {
        chromium = HeadlessChromium.start(Map.of());
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        server = TestServer.start();
    }

    @AfterAll
    static void stopBrowserAndServer() throws Exception {
        Started.closeAll(chromium, server);
    }

    @Test
    void everyStateOfThePinPageIsAccessible() {
        long contact = server.addContact("3131", "Stella States", EMAIL, PASSWORD);
        signIn();

        browser.findElement(By.id("generate-pin")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("support-pin")));
        browser.findElement(By.id("generate-pin")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin-replaced")));
        chromium.assertAccessible("the PIN page after Generate another PIN");
        String pin = browser.findElement(By.id("support-pin")).getText().replaceAll("[^0-9]", "");

        showPinPage();
        assertThat(pinStatus()).startsWith("Your PIN is active until");
        chromium.assertAccessible("the PIN page with an active PIN");

        var call = new FakeTwilio(server).call("+14155550131");
        call.incoming();
        call.account("3131");
        assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");
        showPinPage();
        assertThat(pinStatus()).startsWith("Your last PIN was used for a call at");
        chromium.assertAccessible("the PIN page with a used PIN");

        server.generatePin(contact);
        // The states below come from the row's times, set here rather than waited for.
        updateLatestPin("expires_at = CAST(:now AS timestamptz) - interval '1 minute'");
        showPinPage();
        assertThat(pinStatus()).startsWith("Your last PIN expired at");
        chromium.assertAccessible("the PIN page with an expired PIN");

        server.generatePin(contact);
        updateLatestPin("revoked_at = CAST(:now AS timestamptz)");
        showPinPage();
        assertThat(pinStatus()).startsWith("Your last PIN was cancelled at");
        chromium.assertAccessible("the PIN page with a cancelled PIN");

        // A sign-out form whose token is not the session's: the error page.
        ((JavascriptExecutor) browser)
                .executeScript("document.querySelector('form.sign-out input[name=csrf]').value = 'forged';");
        browser.findElement(By.cssSelector("form.sign-out button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.alert[role=alert]")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        chromium.assertAccessible("the error page (form expired)");
    }

    @Test
    void theSignInFormExpiredAndThrottledAreAccessible() {
        server.addContact("3132", "Theo Throttled", "theo@example.com", PASSWORD);
        browser.manage().deleteAllCookies();
        browser.get(server.localUrl(WebPaths.LOGIN));
        browser.manage().deleteAllCookies();
        browser.findElement(By.id("email")).sendKeys("theo@example.com");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit].primary")).click();
        wait.until(ExpectedConditions.textToBe(By.id("sign-in-error"), SignInPage.FORM_EXPIRED));
        chromium.assertAccessible("the sign-in form expired");

        var guesser = new WebClient(server, "127.0.31.1");
        for (int i = 0; i < 12; i++) {
            guesser.postJson(WebPaths.API_SESSION, "{\"email\":\"theo@example.com\",\"password\":\"guess " + i + "\"}");
        }
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys("theo@example.com");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit].primary")).click();
        wait.until(
                ExpectedConditions.textMatches(By.id("sign-in-error"), Pattern.compile("^Too many sign-in attempts")));
        chromium.assertAccessible("the sign-in form throttled");
    }

    private static void signIn() {
        browser.manage().deleteAllCookies();
        browser.get(server.localUrl(WebPaths.LOGIN));
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit].primary")).click();
        wait.until(ExpectedConditions.urlContains(WebPaths.SUPPORT_PIN));
    }

    private static void showPinPage() {
        browser.get(server.localUrl(WebPaths.SUPPORT_PIN));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin-status")));
    }

    private static String pinStatus() {
        return browser.findElement(By.id("pin-status")).getText();
    }

    private static void updateLatestPin(String assignment) {
        server.jdbi()
                .useHandle(handle -> handle.createUpdate("UPDATE support_pin SET " + assignment
                                + " WHERE id = (SELECT max(p.id) FROM support_pin p JOIN contact c ON c.id = p.contact_id"
                                + " WHERE c.email = :email)")
                        .bind("now", server.clock().instant())
                        .bind("email", EMAIL)
                        .execute());
    }
}
