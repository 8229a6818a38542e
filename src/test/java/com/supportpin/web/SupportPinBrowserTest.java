package com.supportpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless browser (Debian's chromium and chromedriver): sign in, press Generate
 * PIN, read the PIN off the page, then give it to the phone line and be put in the support queue.
 * Chromium missing is a failure, not a skip: CI installs it (.ci/run).
 */
class SupportPinBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static TestServer server;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does this)");
        }
        server = TestServer.start();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("chromium-profile");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=en-US", "--user-data-dir=" + profile);
        // a zone other than UTC, so the page's script has a local time to add
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TZ", "Europe/Paris")).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowserAndServer() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aCustomerGeneratesAPinInTheBrowserAndTheCallerIsVerifiedWithIt() throws IOException {
        server.addContact("4242", "Dana Example", "dana@example.com", "correct horse 4");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(server.localUrl(WebPaths.ROOT));
        wait.until(ExpectedConditions.urlContains(WebPaths.LOGIN));
        browser.findElement(By.id("email")).sendKeys("dana@example.com");
        browser.findElement(By.id("password")).sendKeys("not my password");
        browser.findElement(By.cssSelector("form button[type=submit].primary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).isEqualTo(SignInPage.BAD_CREDENTIALS);
        screenshot("sign-in-error.png");
        // by keyboard alone: Enter in the password field, Enter on the focused button
        browser.findElement(By.id("password")).sendKeys("correct horse 4" + Keys.ENTER);
        wait.until(ExpectedConditions.urlContains(WebPaths.SUPPORT_PIN));
        assertThat(browser.findElement(By.id("contact-name")).getText()).isEqualTo("Dana Example");
        assertThat(browser.findElement(By.id("account-number")).getText()).isEqualTo("4242");
        assertThat(browser.findElement(By.id("pin-status")).getText()).isEqualTo("You have no Support PIN yet.");

        browser.findElement(By.id("generate-pin")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("support-pin")));
        String pin = browser.findElement(By.id("support-pin")).getText().replaceAll("[^0-9]", "");
        assertThat(pin).hasSize(4);
        assertThat(browser.getCurrentUrl()).endsWith(WebPaths.SUPPORT_PIN).doesNotContain(pin);
        // the stylesheet loaded under the CSP: the PIN is set large, in a monospace face
        assertThat(browser.findElement(By.id("support-pin")).getCssValue("font-family")).containsIgnoringCase("mono");
        // the external script ran under the CSP: the countdown is measured from the server's clock
        wait.until(ExpectedConditions.textMatches(By.id("pin-countdown"), java.util.regex.Pattern.compile("left")));
        assertThat(browser.findElement(By.id("pin-countdown")).getText()).matches("(89:[0-5][0-9]|90:00) left.*");
        assertThat(browser.findElement(By.id("pin-expires-at")).getText()).isEqualTo("11:30 UTC");
        assertThat(browser.findElement(By.id("pin-local-time")).getText()).matches("\\(12:30( PM)? your time\\)");
        screenshot("support-pin.png");
        browser.manage().window().setSize(new Dimension(390, 1100));
        screenshot("support-pin-phone.png");

        var call = new FakeTwilio(server).call("+14155550142");
        call.incoming();
        call.account("4242");
        var verified = call.pin(pin);

        assertThat(Twiml.text(verified.body(), "Enqueue")).isEqualTo("support");
        assertThat(verified.body()).doesNotContain(pin);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
