package com.supportpin.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.HeadlessChromium;
import com.supportpin.support.Started;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.voice.VoicePaths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent console in a real headless Chromium: an agent signs in, sees callers that signed webhooks
 * placed in the queues, gets a verified caller and then an unverified one, verifies the latter's PIN,
 * and the console shows each change (the connected caller without a reload). axe-core checks every page
 * and state (WCAG 2.0/2.1/2.2 A and AA, best practices). Chromium missing fails the test; it never skips.
 */
class AgentConsoleBrowserTest {

    /** Plain http, like a developer's machine, so the browser keeps the (non-Secure) cookies on localhost. */
    private static final String PUBLIC_BASE_URL = "http://localhost:1";

    private static final String PASSCODE = "482913";

    private static TestServer server;
    private static FakeTwilio twilio;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.start(Map.of(), "--window-size=1280,1000");
        browser = chromium.driver();
        server = TestServer.start(Map.of("PUBLIC_BASE_URL", PUBLIC_BASE_URL));
        twilio = new FakeTwilio("http://localhost:" + server.port(), PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        Started.closeAll(chromium, server);
    }

    @Test
    void anAgentSeesAVerifiedCallerThenVerifiesAnUnverifiedCallersPinFromTheConsole() {
        server.addAgent("Ann Agent", "ann@support.example", "4711", "console pass 4711", PASSCODE);
        long vera = server.addContact("9001", "Vera Verified", "vera@example.com", "correct horse 1");
        long uma = server.addContact("9002", "Uma Unverified", "uma@example.com", "correct horse 2");
        var verifiedCaller = twilio.call("+14155550601");
        verifiedCaller.incoming();
        verifiedCaller.account("9001");
        assertThat(Twiml.text(verifiedCaller.pin(server.generatePin(vera)).body(), "Enqueue"))
                .isEqualTo("support");
        var unverifiedCaller = twilio.call("+14155550602");
        unverifiedCaller.incoming();
        assertThat(Twiml.text(unverifiedCaller.account("*").body(), "Enqueue")).isEqualTo("support-unverified");

        // Signs in to the console, after one wrong password.
        browser.get(server.localUrl(ConsolePaths.AGENT_CONSOLE));
        chromium.assertAccessible("the agent console's sign-in");
        browser.findElement(By.id("email")).sendKeys("ann@support.example");
        browser.findElement(By.id("password")).sendKeys("not my password");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        chromium.assertAccessible("the agent console's sign-in error");
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys("ann@support.example");
        browser.findElement(By.id("password")).sendKeys("console pass 4711");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        waitFor(By.id("agent-name"), "Ann Agent");
        chromium.assertAccessible("the agent console without a caller");
        chromium.screenshot("agent-console-waiting.png");
        String waiting = browser.findElement(By.id("waiting-rows")).getText();
        assertThat(waiting).contains("Vera Verified").contains("9001").contains("UNVERIFIED");
        assertThat(browser.findElement(By.id("current-none")).isDisplayed()).isTrue();
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // The agent line takes the verified caller first; the Queue url binds the caller to this agent.
        var agentCall = twilio.agentCall("+14155550690");
        assertThat(Twiml.text(agentCall.signIn("4711", PASSCODE).body(), "Queue"))
                .isEqualTo("support");
        connect(verifiedCaller, agentCall);
        waitFor(By.id("current-status"), "Verified by IVR PIN at 10:00 UTC");
        assertThat(browser.findElement(By.id("current-contact")).getText()).isEqualTo("Vera Verified");
        assertThat(browser.findElement(By.id("current-account")).getText()).isEqualTo("9001");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("updated without a reload")
                .isEqualTo(true);
        chromium.assertAccessible("the agent console with a verified caller");

        // Next caller: the unverified one, shown as such.
        agentCall.dialEnded("completed");
        assertThat(Twiml.text(
                        agentCall
                                .post(AgentLinePaths.VOICE_AGENT_NEXT, Map.of("Digits", "1"))
                                .body(),
                        "Queue"))
                .isEqualTo("support-unverified");
        connect(unverifiedCaller, agentCall);
        waitFor(By.id("current-status"), "UNVERIFIED");
        assertThat(browser.findElement(By.id("current-status")).getAttribute("class"))
                .contains("unverified");
        chromium.assertAccessible("the agent console with an unverified caller");
        chromium.screenshot("agent-console-unverified.png");

        // The caller reads out their account number and PIN; the agent verifies it.
        String umasPin = server.generatePin(uma);
        String misheard = umasPin.equals("0000") ? "1111" : "0000";
        browser.findElement(By.id("accountNumber")).sendKeys("9002");
        browser.findElement(By.id("pin")).sendKeys(misheard);
        browser.findElement(By.cssSelector("#verify-form button")).click();
        waitFor(By.id("verify-message"), "did not match");
        assertThat(browser.findElement(By.id("current-status")).getText()).isEqualTo("UNVERIFIED");
        chromium.assertAccessible("the agent console after a wrong PIN");
        browser.findElement(By.id("accountNumber")).clear();
        browser.findElement(By.id("pin")).clear();
        browser.findElement(By.id("accountNumber")).sendKeys("9002");
        browser.findElement(By.id("pin")).sendKeys(umasPin);
        browser.findElement(By.cssSelector("#verify-form button")).click();
        waitFor(By.id("verify-message"), "PIN correct");
        assertThat(browser.findElement(By.id("current-status")).getText())
                .isEqualTo("Verified by agent Ann Agent at 10:00 UTC");
        assertThat(browser.findElement(By.id("current-contact")).getText()).isEqualTo("Uma Unverified");
        assertThat(browser.findElement(By.id("current-account")).getText()).isEqualTo("9002");
        chromium.assertAccessible("the agent console after verifying a PIN");
        chromium.screenshot("agent-console-verified-by-agent.png");
        assertThat(browser.getCurrentUrl()).doesNotContain(umasPin);
        assertThat(browser.getPageSource()).doesNotContain(umasPin);
    }

    @Test
    void anAgentSeesOpenCallbacksAndTheIdentityOfACallbackAndMarksOneHandled() {
        server.addAgent("Bo Agent", "bo@support.example", "4712", "console pass 4712", PASSCODE);
        long vera = server.addContact("9003", "Vera Callback", "verac@example.com", "correct horse 3");
        var asking = twilio.call("+14155550611");
        asking.incoming();
        asking.account("9003");
        asking.pin(server.generatePin(vera));
        askForCallback(asking);
        askForCallback(twilio.call("+14155550612"));

        browser.get(server.localUrl(ConsolePaths.AGENT_CONSOLE));
        browser.manage().deleteAllCookies();
        browser.get(server.localUrl(ConsolePaths.AGENT_CONSOLE));
        browser.findElement(By.id("email")).sendKeys("bo@support.example");
        browser.findElement(By.id("password")).sendKeys("console pass 4712");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        waitFor(By.id("agent-name"), "Bo Agent");
        waitFor(By.id("callback-rows"), "+14155550612");
        assertThat(browser.findElement(By.id("callback-rows")).getText())
                .contains("+14155550611")
                .contains("Verified on the original call at 10:")
                .contains("Vera Callback")
                .contains("0 of 3");
        assertThat(browser.findElement(By.id("callbacks-paging")).getText()).contains("Page 1 of 1 (2 open)");
        chromium.assertAccessible("the agent console with open callbacks");

        // The agent line offers the verified callback first; the customer answers and presses 1.
        var agentCall = twilio.agentCall("+14155550691");
        assertThat(Twiml.says(agentCall.signIn("4712", PASSCODE).body()))
                .contains("Returning a callback to a verified caller.");
        String placing = agentCall
                .post(AgentLinePaths.VOICE_AGENT_CALLBACK, Map.of("Digits", "1"))
                .body();
        var customer = twilio.existingCall(FakeTwilio.newCallSid(), "+18005550100");
        String answered = customer.post(Twiml.attribute(placing, "Number", "url"), Map.of("To", "+14155550611"))
                .body();
        customer.post(Twiml.attribute(answered, "Gather", "action"), Map.of("To", "+14155550611", "Digits", "1"));
        waitFor(By.id("current-callback"), "The callback itself was not re-verified.");
        assertThat(browser.findElement(By.id("current-status")).getText()).isEqualTo("UNVERIFIED");
        chromium.assertAccessible("the agent console with a callback connected");

        // The other one was called back from another phone: the agent marks it handled.
        browser.navigate().refresh();
        waitFor(By.id("callback-rows"), "+14155550612");
        browser.findElement(By.cssSelector("#callback-rows button")).click();
        waitFor(By.id("callback-message"), "The callback is closed.");
        assertThat(browser.findElement(By.id("callbacks-none")).isDisplayed()).isTrue();
        chromium.assertAccessible("the agent console after closing a callback");
    }

    private static void askForCallback(FakeTwilio.Call call) {
        call.incoming();
        call.account("*");
        call.post(VoicePaths.VOICE_HOLD, Map.of("QueuePosition", "1", "QueueTime", "400"));
        call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));
        call.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "leave", "QueueTime", "400"));
    }

    private static void connect(FakeTwilio.Call caller, FakeTwilio.AgentCall agent) {
        var reply = caller.dequeuedBy(agent, 30);
        assertThat(reply.status()).isEqualTo(200);
    }

    private static void waitFor(By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }
}
