package com.supportpin.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console in a real headless Chromium: an agent signs in, sees callers that signed webhooks
 * placed in the queues, gets a verified caller and then an unverified one, verifies the latter's PIN,
 * and the console shows each change (the connected caller without a reload).
 */
class AgentConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Plain http, like a developer's machine, so the browser keeps the (non-Secure) cookies on localhost. */
    private static final String PUBLIC_BASE_URL = "http://localhost:1";
    private static final String PASSCODE = "482913";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static TestServer server;
    private static FakeTwilio twilio;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs chromium and chromedriver (apt install chromium chromium-driver)");
        server = TestServer.start(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL));
        twilio = new FakeTwilio("http://localhost:" + server.port(), PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
        profile = Files.createTempDirectory("agent-console-chromium");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }

    @Test
    void anAgentSeesAVerifiedCallerThenVerifiesAnUnverifiedCallersPinFromTheConsole() {
        server.addAgent("Ann Agent", "ann@support.example", "4711", "console pass 4711", PASSCODE);
        long vera = server.addContact("9001", "Vera Verified", "vera@example.com", "correct horse 1");
        long uma = server.addContact("9002", "Uma Unverified", "uma@example.com", "correct horse 2");
        var verifiedCaller = twilio.call("+14155550601");
        verifiedCaller.incoming();
        verifiedCaller.account("9001");
        assertThat(Twiml.text(verifiedCaller.pin(server.generatePin(vera)).body(), "Enqueue")).isEqualTo("support");
        var unverifiedCaller = twilio.call("+14155550602");
        unverifiedCaller.incoming();
        assertThat(Twiml.text(unverifiedCaller.account("*").body(), "Enqueue")).isEqualTo("support-unverified");

        // Signs in to the console.
        browser.get(server.localUrl(ConsolePaths.AGENT_CONSOLE));
        browser.findElement(By.id("email")).sendKeys("ann@support.example");
        browser.findElement(By.id("password")).sendKeys("console pass 4711");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        waitFor(By.id("agent-name"), "Ann Agent");
        screenshot("agent-console-waiting.png");
        String waiting = browser.findElement(By.id("waiting-rows")).getText();
        assertThat(waiting).contains("Vera Verified").contains("9001").contains("UNVERIFIED");
        assertThat(browser.findElement(By.id("current-none")).isDisplayed()).isTrue();
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // The agent line takes the verified caller first; the Queue url binds the caller to this agent.
        var agentCall = twilio.agentCall("+14155550690");
        assertThat(Twiml.text(agentCall.signIn("4711", PASSCODE).body(), "Queue")).isEqualTo("support");
        connect(verifiedCaller, agentCall);
        waitFor(By.id("current-status"), "Verified by IVR PIN at 10:00 UTC");
        assertThat(browser.findElement(By.id("current-contact")).getText()).isEqualTo("Vera Verified");
        assertThat(browser.findElement(By.id("current-account")).getText()).isEqualTo("9001");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("updated without a reload").isEqualTo(true);

        // Next caller: the unverified one, shown as such.
        agentCall.dialEnded("completed");
        assertThat(Twiml.text(agentCall.post(AgentLinePaths.VOICE_AGENT_NEXT, Map.of("Digits", "1")).body(), "Queue"))
                .isEqualTo("support-unverified");
        connect(unverifiedCaller, agentCall);
        waitFor(By.id("current-status"), "UNVERIFIED");
        assertThat(browser.findElement(By.id("current-status")).getAttribute("class")).contains("unverified");
        screenshot("agent-console-unverified.png");

        // The caller reads out their account number and PIN; the agent verifies it.
        String umasPin = server.generatePin(uma);
        browser.findElement(By.id("accountNumber")).sendKeys("9002");
        browser.findElement(By.id("pin")).sendKeys(umasPin);
        browser.findElement(By.cssSelector("#verify-form button")).click();
        waitFor(By.id("verify-message"), "PIN correct");
        assertThat(browser.findElement(By.id("current-status")).getText())
                .isEqualTo("Verified by agent Ann Agent at 10:00 UTC");
        assertThat(browser.findElement(By.id("current-contact")).getText()).isEqualTo("Uma Unverified");
        assertThat(browser.findElement(By.id("current-account")).getText()).isEqualTo("9002");
        screenshot("agent-console-verified-by-agent.png");
        assertThat(browser.getCurrentUrl()).doesNotContain(umasPin);
        assertThat(browser.getPageSource()).doesNotContain(umasPin);
    }

    private static void connect(FakeTwilio.Call caller, FakeTwilio.AgentCall agent) {
        var reply = caller.post(AgentLinePaths.VOICE_QUEUE_CONNECT, Map.of("DequeingCallSid", agent.callSid(),
                "QueueSid", "QU0123456789abcdef0123456789abcdef", "QueueTime", "30"));
        assertThat(reply.status()).isEqualTo(200);
    }

    /** Saves what the browser shows under target/screenshots, for a person to look at. */
    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitFor(By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }
}
