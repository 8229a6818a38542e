package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.FullHashing;
import com.supportpin.support.HeadlessChromium;
import com.supportpin.support.Started;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless browser (Debian's chromium and chromedriver): sign in, press Generate
 * PIN, read the PIN off the page, then give it to the phone line and be put in the support queue.
 * axe-core checks every page and state (WCAG 2.0/2.1/2.2 A and AA, best practices): a violation fails.
 * Chromium missing is a failure, not a skip: CI installs it (.ci/run).
 */
class SupportPinBrowserTest {

    private static TestServer server;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void startServerAndBrowser() {
        // a zone other than UTC, so the page's script has a local time to add
        chromium = HeadlessChromium.start(Map.of("TZ", "Europe/Paris"));
        browser = chromium.driver();
        server = TestServer.start();
    }

    @AfterAll
    static void stopBrowserAndServer() throws Exception {
        Started.closeAll(chromium, server);
    }

    @Test
    void theAccessibilityCheckFailsOnAPageThatBreaksARule() {
        browser.get("data:text/html,<!doctype html><html lang=en><title>t</title><main><input type=text></main>");
        assertThatThrownBy(() -> chromium.assertAccessible("a field without a label"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("label");
    }

    @Test
    void aCustomerGeneratesAPinInTheBrowserAndTheCallerIsVerifiedWithIt() {
        server.addContact("4242", "Dana Example", "dana@example.com", "correct horse 4");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(server.localUrl(WebPaths.ROOT));
        wait.until(ExpectedConditions.urlContains(WebPaths.LOGIN));
        chromium.assertAccessible("the sign-in page");
        try (var full = FullHashing.fill(server.app().hashing().signIns())) {
            browser.findElement(By.id("email")).sendKeys("dana@example.com");
            browser.findElement(By.id("password")).sendKeys("correct horse 4" + Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
            assertThat(browser.findElement(By.id("sign-in-error")).getText()).isEqualTo(SignInPage.BUSY);
            chromium.assertAccessible("the sign-in page when sign-in is busy");
        }
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys("dana@example.com");
        browser.findElement(By.id("password")).sendKeys("not my password");
        browser.findElement(By.cssSelector("form button[type=submit].primary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).isEqualTo(SignInPage.BAD_CREDENTIALS);
        chromium.assertAccessible("the sign-in error");
        chromium.screenshot("sign-in-error.png");
        // by keyboard alone: Enter in the password field, Enter on the focused button
        browser.findElement(By.id("password")).sendKeys("correct horse 4" + Keys.ENTER);
        wait.until(ExpectedConditions.urlContains(WebPaths.SUPPORT_PIN));
        assertThat(browser.findElement(By.id("contact-name")).getText()).isEqualTo("Dana Example");
        assertThat(browser.findElement(By.id("account-number")).getText()).isEqualTo("4242");
        assertThat(browser.findElement(By.id("pin-status")).getText()).isEqualTo("You have no Support PIN yet.");
        chromium.assertAccessible("the PIN page before Generate");

        browser.findElement(By.id("generate-pin")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("support-pin")));
        String pin = browser.findElement(By.id("support-pin")).getText().replaceAll("[^0-9]", "");
        assertThat(pin).hasSize(4);
        assertThat(browser.getCurrentUrl()).endsWith(WebPaths.SUPPORT_PIN).doesNotContain(pin);
        // the stylesheet loaded under the CSP: the PIN is set large, in a monospace face
        assertThat(browser.findElement(By.id("support-pin")).getCssValue("font-family"))
                .containsIgnoringCase("mono");
        // the external script ran under the CSP: the countdown is measured from the server's clock
        wait.until(ExpectedConditions.textMatches(By.id("pin-countdown"), Pattern.compile("left")));
        assertThat(browser.findElement(By.id("pin-countdown")).getText()).matches("(89:[0-5][0-9]|90:00) left.*");
        assertThat(browser.findElement(By.id("pin-expires-at")).getText()).isEqualTo("11:30 UTC");
        assertThat(browser.findElement(By.id("pin-local-time")).getText()).matches("\\(12:30( PM)? your time\\)");
        chromium.assertAccessible("the PIN page after Generate");
        chromium.screenshot("support-pin.png");
        browser.manage().window().setSize(new Dimension(390, 1100));
        chromium.assertAccessible("the PIN page after Generate, at phone width");
        chromium.screenshot("support-pin-phone.png");

        var call = new FakeTwilio(server).call("+14155550142");
        call.incoming();
        call.account("4242");
        var verified = call.pin(pin);

        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");
        assertThat(verified.body()).doesNotContain(pin);
    }
}
