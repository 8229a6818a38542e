package com.supportpin.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.cli.Cli;
import com.supportpin.support.FakeTwimlServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator against a fake TwiML server serving fixed documents: it behaves as Twilio's documentation says (TWILIO.md). */
class TwilioBehaviourTest {

    private FakeTwimlServer app;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void startFakeApp() {
        app = new FakeTwimlServer().twiml("/voice/status", "").twiml("/voice/agent/status", "");
    }

    @AfterEach
    void stopFakeApp() {
        app.close();
    }

    @Test
    void anAgentTakesAWaitingCallerAndBothLegsSeeWhatTwilioSends() {
        app.twiml(
                        "/voice/incoming",
                        "<Say>Please hold.</Say>"
                                + "<Enqueue action=\"/voice/queue-exit\" waitUrl=\"/voice/hold\">support</Enqueue>")
                .twiml("/voice/hold", "<Say>You are next.</Say><Play>http://music.example.com/hold.mp3</Play>")
                .twiml("/voice/queue-exit", "")
                .twiml("/voice/agent", "<Gather numDigits=\"4\" action=\"agent/code\"><Say>Agent code?</Say></Gather>")
                .twiml(
                        "/voice/agent/code",
                        "<Dial action=\"/voice/agent/done\"><Queue url=\"/voice/agent/connect\">"
                                + "support</Queue></Dial>")
                .twiml("/voice/agent/connect", "<Say>Connecting you to an agent.</Say>")
                .twiml("/voice/agent/done", "<Say>Call ended.</Say><Hangup/>");

        Run run = call("--keys", ",a,7001");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String caller = callSid(run, "[caller]");
        String agent = callSid(run, "[agent] ");
        assertThat(run.out())
                .contains("[caller] hears: You are next.")
                .contains("[caller] hears: [audio: http://music.example.com/hold.mp3]")
                .contains("[agent]  hears: Agent code?")
                .contains("[agent]  dials queue 'support'")
                .contains("[caller] hears: Connecting you to an agent.")
                .contains("[agent]  is connected to the caller (" + caller + ")")
                .contains("[agent]  hears: Call ended.");

        assertThat(app.received("/voice/hold"))
                .hasSize(2)
                .allSatisfy(hold -> assertThat(hold.params())
                        .containsEntry("CallSid", caller)
                        .containsEntry("QueuePosition", "1")
                        .containsKeys("QueueSid", "QueueTime", "AvgQueueTime", "CurrentQueueSize", "MaxQueueSize"));
        var code = app.first("/voice/agent/code").orElseThrow();
        assertThat(code.params()).containsEntry("CallSid", agent).containsEntry("Digits", "7001");
        var connect = app.first("/voice/agent/connect").orElseThrow();
        assertThat(connect.params())
                .containsEntry("CallSid", caller)
                .containsEntry("DequeingCallSid", agent)
                .containsKeys("QueueSid", "QueueTime");
        String queueSid = connect.param("QueueSid");
        assertThat(queueSid).matches("QU[0-9a-f]{32}");
        var exit = app.first("/voice/queue-exit").orElseThrow();
        assertThat(exit.params())
                .containsEntry("CallSid", caller)
                .containsEntry("QueueResult", "bridged")
                .containsEntry("QueueSid", queueSid);
        var done = app.first("/voice/agent/done").orElseThrow();
        assertThat(done.params())
                .containsEntry("CallSid", agent)
                .containsEntry("DialCallStatus", "completed")
                .containsEntry("DialCallSid", caller);
        assertThat(app.received("/voice/status"))
                .singleElement()
                .satisfies(status -> assertThat(status.params())
                        .containsEntry("CallSid", caller)
                        .containsEntry("CallStatus", "completed"));
        assertThat(app.received("/voice/agent/status"))
                .singleElement()
                .satisfies(status -> assertThat(status.params())
                        .containsEntry("CallSid", agent)
                        .containsEntry("CallStatus", "completed"));
    }

    @Test
    void anAudioAnswerIsPlayedAsTwilioPlaysIt() {
        app.twiml("/voice/incoming", "<Redirect>/voice/greeting.mp3</Redirect>")
                .answer("/voice/greeting.mp3", 200, "audio/mpeg", "ID3");

        Run run = call("--keys", "");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("hears: [audio: https://fake.example.com/voice/greeting.mp3]");
    }

    @Test
    void theAgentLineTakesItsOwnNumbers() {
        app.twiml("/voice/agent", "<Say>Agent line.</Say>");

        call("--line", "agent", "--from", "+14155550142", "--keys", "");

        assertThat(app.first("/voice/agent").orElseThrow().params())
                .containsEntry("From", "+14155550142")
                .containsEntry("To", "+18005550199")
                .containsEntry("CallStatus", "ringing");
    }

    @Test
    void anAgentDiallingAnEmptyQueueTimesOutAndTheDialActionSaysNoAnswer() {
        app.twiml("/voice/agent", "<Dial action=\"/voice/agent/done\" timeout=\"20\"><Queue>support</Queue></Dial>")
                .twiml("/voice/agent/done", "<Say>Nobody is waiting.</Say>");

        Run run = call("--line", "agent", "--keys", "");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("nobody waits in queue 'support'")
                .contains("times out after 20 s")
                .contains("hears: Nobody is waiting.");
        assertThat(app.first("/voice/agent/done").orElseThrow().param("DialCallStatus"))
                .isEqualTo("no-answer");
    }

    @Test
    void anAgentLinePollingForCallersIsAskedWhetherToStayAndHangsUpWhenTheScriptEnds() {
        app.twiml("/voice/agent", "<Redirect>/voice/agent/next</Redirect>")
                .twiml(
                        "/voice/agent/next",
                        "<Say>Nobody is waiting.</Say><Pause length=\"10\"/>"
                                + "<Redirect>/voice/agent/next</Redirect>");

        Run run = call("--line", "agent", "--keys", "");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(app.received("/voice/agent/next")).hasSize(19);
        assertThat(run.out())
                .contains("[agent]  hears: [pause 10 s]")
                .contains("[agent]  hangs up after 20 documents without a prompt");
        assertThat(app.received("/voice/agent/status")).hasSize(1);
    }

    @Test
    void gatherLeavesOutTheFinishKeyAndStopsAtNumDigits() {
        app.twiml("/voice/incoming", "<Gather action=\"/voice/first\"><Say>Account?</Say></Gather>")
                .twiml("/voice/first", "<Gather action=\"/voice/second\" numDigits=\"4\"/>")
                .twiml("/voice/second", "<Gather action=\"/voice/third\" finishOnKey=\"\"/>")
                .twiml("/voice/third", "<Hangup/>");

        Run run = call("--keys", "12 34#56,987654#,55#");

        assertThat(run.exitCode()).isZero();
        assertThat(app.first("/voice/first").orElseThrow().params())
                .containsEntry("Digits", "1234")
                .containsEntry("FinishedOnKey", "#");
        assertThat(app.first("/voice/second").orElseThrow().param("Digits")).isEqualTo("9876");
        assertThat(app.first("/voice/third").orElseThrow().param("Digits")).isEqualTo("55#");
        assertThat(run.out()).contains("presses xxxx#").contains("is hung up on (<Hangup>)");
    }

    @Test
    void aGatherWithoutInputCarriesOnWithTheNextVerbAndTheFinishKeyAloneIsNoInput() {
        app.twiml(
                        "/voice/incoming",
                        "<Gather action=\"/voice/digits\"/><Say>Nothing heard.</Say>"
                                + "<Gather action=\"/voice/digits\"/><Redirect>/voice/again</Redirect>")
                .twiml("/voice/again", "<Say>Goodbye.</Say>");

        Run run = call("--keys", ",#");

        assertThat(run.exitCode()).isZero();
        assertThat(app.received("/voice/digits")).isEmpty();
        assertThat(run.out())
                .contains("hears: Nothing heard.")
                .contains("hears: Goodbye.")
                .contains("(no more TwiML: Twilio hangs up)");
    }

    @Test
    void actionOnEmptyResultPostsTheActionWithEmptyDigits() {
        app.twiml("/voice/incoming", "<Gather action=\"/voice/digits\" actionOnEmptyResult=\"true\"/>")
                .twiml("/voice/digits", "");

        call("--keys", "");

        assertThat(app.first("/voice/digits").orElseThrow().param("Digits")).isEmpty();
    }

    @Test
    void relativeUrlsResolveAgainstTheCurrentDocumentAndAGatherWithoutActionPostsToIt() {
        app.twiml("/voice/incoming", "<Redirect>menu/start?step=1</Redirect>")
                .twiml("/voice/menu/start", "<Gather numDigits=\"1\"/>")
                .twiml("/voice/menu/next", "<Say>Done.</Say>");
        app.twiml("/voice/menu/start", "<Gather numDigits=\"1\" action=\"next\"/>");

        Run run = call("--keys", "5");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("-> POST /voice/menu/start?step=1").contains("-> POST /voice/menu/next");
        assertThat(app.first("/voice/menu/next").orElseThrow().param("Digits")).isEqualTo("5");
    }

    @Test
    void aGatherWithoutActionPostsToTheDocumentItCameFrom() {
        app.twiml("/voice/incoming", "<Gather numDigits=\"1\"/>");

        call("--keys", "3,");

        assertThat(app.received("/voice/incoming")).hasSize(2);
        assertThat(app.received("/voice/incoming").get(1).param("Digits")).isEqualTo("3");
    }

    @Test
    void aRedirectWithGetIsSignedOverTheUrlWithItsQuery() {
        app.twiml("/voice/incoming", "<Redirect method=\"GET\">/voice/get</Redirect>")
                .twiml("/voice/get", "<Say>Fetched with GET.</Say>");

        Run run = call("--keys", "");

        assertThat(run.exitCode()).as(run.out()).isZero();
        var get = app.first("/voice/get").orElseThrow();
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.params()).containsKey("CallSid");
    }

    @Test
    void anHttpRedirectIsFollowedWithGetAndLosesTheDigits() {
        app.twiml("/voice/incoming", "<Gather action=\"/voice/moved\" numDigits=\"1\"/>")
                .redirect("/voice/moved", 302, "/voice/new-home")
                .twiml("/voice/new-home", "<Say>Moved.</Say>");

        Run run = call("--keys", "7");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("the app answered HTTP 302: Twilio follows it to /voice/new-home with GET")
                .contains("hears: Moved.");
        var followed = app.first("/voice/new-home").orElseThrow();
        assertThat(followed.method()).isEqualTo("GET");
        assertThat(followed.params()).containsKey("CallSid").doesNotContainKey("Digits");
    }

    @Test
    void leaveInTheWaitUrlTakesTheCallerOutOfTheQueueToTheEnqueueAction() {
        app.twiml(
                        "/voice/incoming",
                        "<Enqueue action=\"/voice/left\" waitUrl=\"/voice/wait\">support</Enqueue>"
                                + "<Say>Not reached.</Say>")
                .twiml("/voice/wait", "<Say>Too busy.</Say><Leave/>")
                .twiml("/voice/left", "<Say>Call back later.</Say>");

        Run run = call("--keys", "");

        assertThat(run.exitCode()).isZero();
        assertThat(app.first("/voice/left").orElseThrow().param("QueueResult")).isEqualTo("leave");
        assertThat(run.out()).contains("hears: Call back later.").doesNotContain("Not reached.");
    }

    @Test
    void aCallerHangingUpOnHoldIsReportedToTheEnqueueAction() {
        app.twiml("/voice/incoming", "<Enqueue action=\"/voice/left\" waitUrl=\"/voice/wait\">support</Enqueue>")
                .twiml("/voice/wait", "<Play>http://music.example.com/a.mp3</Play>")
                .twiml("/voice/left", "<Say>Nobody hears this.</Say>");

        Run run = call("--keys", ",,h");

        assertThat(app.received("/voice/wait")).hasSize(3);
        assertThat(app.first("/voice/left").orElseThrow().param("QueueResult")).isEqualTo("hangup");
        assertThat(run.out()).doesNotContain("hears: Nobody hears this.");
    }

    @Test
    void anUnknownVerbIsADocumentParseFailureAndEndsTheCall() {
        app.twiml("/voice/incoming", "<Say>Hello.</Say><Speak>Not a verb.</Speak>");

        Run run = call("--keys", "");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("Twilio error 12100 (Document parse failure: https://fake.example.com/voice/incoming")
                .contains("hears: We are sorry, an application error has occurred. Goodbye.")
                .doesNotContain("hears: Hello.")
                .contains("(status callback: completed)");
        assertThat(app.received("/voice/status")).hasSize(1);
    }

    @Test
    void aBadAttributeAndWrongNestingAreDocumentParseFailures() {
        app.twiml("/voice/incoming", "<Gather numDigits=\"four\"/>");
        assertThat(call("--keys", "").out()).contains("Twilio error 12100");

        app.twiml("/voice/incoming", "<Gather><Dial>+15550100</Dial></Gather>");
        assertThat(call("--keys", "").out()).contains("Twilio error 12100");
    }

    @Test
    void anAnswerThatIsNotXmlOrNot200IsAnApplicationError() {
        app.answer("/voice/incoming", 200, "text/html", "<html>Welcome</html>");
        Run html = call("--keys", "");
        assertThat(html.exitCode()).isEqualTo(1);
        assertThat(html.out()).contains("Twilio error 12300 (Invalid Content-Type");

        app.answer("/voice/incoming", 500, "text/xml", "<Response/>");
        Run failed = call("--keys", "");
        assertThat(failed.out())
                .contains("Twilio error 11200 (HTTP retrieval failure")
                .contains("answered HTTP 500");

        app.answer("/voice/incoming", 200, "text/xml", "not xml at all");
        assertThat(call("--keys", "").out()).contains("Twilio error 12100");
    }

    @Test
    void aServerThatIsDownIsAnHttpConnectionFailure() {
        var err = new ByteArrayOutputStream();
        var out = new ByteArrayOutputStream();
        int exit = Cli.run(
                new String[] {"call", "--server", "http://localhost:1", "--keys", ""},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("TWILIO_AUTH_TOKEN", "token"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Twilio error 11205 (HTTP connection failure");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("check that the service runs at http://localhost:1");
    }

    @Test
    void theCommandExplainsItselfAndRefusesBadOptions() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertThat(Cli.run(
                        new String[] {"call", "--help"},
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--keys").contains("--line");

        assertThat(call("--line", "sales").exitCode()).isEqualTo(2);
        assertThat(call("--keys", "1#", "--server", "not a url").exitCode()).isEqualTo(2);

        var noToken = new ByteArrayOutputStream();
        int exit = Cli.run(
                new String[] {"call", "--keys", ""},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(noToken, true, StandardCharsets.UTF_8),
                Map.of("DATA_DIR", "/nonexistent-data-dir"));
        assertThat(exit).isEqualTo(1);
        assertThat(noToken.toString(StandardCharsets.UTF_8))
                .contains("set TWILIO_AUTH_TOKEN")
                .contains("/nonexistent-data-dir/twilio-auth-token");
    }

    @Test
    void theKeyboardDrivesTheSameCallAsAScript() {
        app.twiml("/voice/incoming", "<Gather numDigits=\"2\" action=\"/voice/got\"><Say>Two keys?</Say></Gather>")
                .twiml("/voice/got", "<Say>Thanks.</Say>");
        var out = new ByteArrayOutputStream();
        int exit = Cli.run(
                new String[] {"call", "--server", app.url()},
                new ByteArrayInputStream("42\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                env());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("your keys (2 keys")
                .contains("hears: Thanks.");
        assertThat(app.first("/voice/got").orElseThrow().param("Digits")).isEqualTo("42");
    }

    private Run call(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "call";
        args[1] = "--server";
        args[2] = app.url();
        System.arraycopy(options, 0, args, 3, options.length);
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Cli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> env() {
        return Map.of(
                "TWILIO_AUTH_TOKEN", FakeTwimlServer.AUTH_TOKEN, "PUBLIC_BASE_URL", FakeTwimlServer.PUBLIC_BASE_URL);
    }

    private static String callSid(Run run, String label) {
        var matcher = Pattern.compile(Pattern.quote(label) + " calls .*\\(CallSid (CA[0-9a-f]{32})\\)")
                .matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        return matcher.group(1);
    }
}
