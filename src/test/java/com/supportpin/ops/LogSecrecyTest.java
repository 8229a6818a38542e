package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.contact.Passwords;
import com.supportpin.support.AccountCenterProvider;
import com.supportpin.support.ApiClient;
import com.supportpin.support.ApiContract;
import com.supportpin.support.CapturedOutput;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.OidcBrowser;
import com.supportpin.support.OperatorCli;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import com.supportpin.web.WebPaths;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Logs are read by more people than PINs should be: a whole verified call, a failed one and a web
 * sign-in leave no PIN, password, session id or keyed PIN digits in anything the process writes.
 * Eight-digit PINs keep an accidental match (in a timestamp, say) out of the question. The account center's
 * integration adds API keys, password hashes, OIDC states, nonces, codes, ID and access tokens.
 */
class LogSecrecyTest {

    private static final String PASSWORD = "correct horse battery staple 42";
    private static final String WRONG_PASSWORD = "incorrect donkey battery 17";
    private static final String WRONG_PIN = "73915084";

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void backToTextLogs() {
        Logging.useJson(false);
    }

    @Test
    void aVerifiedCallAFailedCallAndAWebSignInLeaveNoSecretInTheOutput() throws Exception {
        assertNoSecretsIn("text");
    }

    @Test
    void jsonLogsCarryTheWebhookFieldsAndNoSecretEither() throws Exception {
        String output = assertNoSecretsIn("json");
        List<JsonNode> webhookLines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode node = json.readTree(line);
                if ("webhook".equals(node.path("loggerName").asText())) {
                    webhookLines.add(node);
                }
            }
        }
        assertThat(webhookLines).isNotEmpty();
        assertThat(webhookLines).allSatisfy(line -> {
            String fields = line.path("kvpList").toString();
            assertThat(fields).contains("\"callSid\"", "\"step\"", "\"outcome\"", "\"latencyMs\"");
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.path("formattedMessage").asText()).startsWith("callSid=");
        });
        assertThat(webhookLines)
                .anySatisfy(line -> assertThat(line.path("kvpList").toString()).contains("\"outcome\":\"verified\""));
    }

    /** Runs the whole scenario with LOG_FORMAT set, checks the output, and returns it. */
    private String assertNoSecretsIn(String logFormat) throws Exception {
        String output;
        String pin;
        String sessionId;
        try (var capture = new CapturedOutput();
                var server = TestServer.start(Map.of("PIN_DIGITS", "8", "LOG_FORMAT", logFormat))) {
            var twilio = new FakeTwilio(server);
            server.addContact("6161", "Alice Example", "alice6161@example.com", PASSWORD);

            var web = new WebClient(server);
            assertThat(signIn(web, WRONG_PASSWORD).status()).isEqualTo(401);
            assertThat(signIn(web, PASSWORD).status()).isEqualTo(200);
            sessionId = web.cookie("__Host-sid").orElseThrow();
            var generated = web.postJson(WebPaths.API_SUPPORT_PIN, "{}");
            assertThat(generated.status()).isEqualTo(201);
            pin = json.readTree(generated.body()).path("pin").asText();
            assertThat(pin).hasSize(8).isNotEqualTo(WRONG_PIN);

            var failed = twilio.call("+14155550197");
            failed.incoming();
            for (int i = 0; i < 3; i++) {
                failed.account("6161");
                failed.pin(WRONG_PIN);
            }
            var verified = twilio.call("+14155550198");
            verified.incoming();
            verified.account("6161");
            assertThat(Twiml.text(verified.pin(pin).body(), "Enqueue")).isEqualTo("support");
            verified.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "30"));
            verified.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed"));
            web.delete(WebPaths.API_SESSION);
            server.close();
            output = capture.text();
        }

        assertThat(output)
                .as("captured output")
                .contains("step=pin", "outcome=verified", "outcome=wrong-pin", "stopped in");
        assertThat(output).doesNotContain(pin, WRONG_PIN, PASSWORD, WRONG_PASSWORD, sessionId, "Digits");
        return output;
    }

    private static WebClient.Page signIn(WebClient web, String password) {
        return web.postJson(
                WebPaths.API_SESSION, "{\"email\":\"alice6161@example.com\",\"password\":\"" + password + "\"}");
    }

    // --- The account center (issue 13): API keys, the API's PINs, and the OIDC sign-in's codes and tokens ---

    @Test
    void theAccountCenterApiAndSignInLeaveNoKeyTokenCodeOrPinInTheOutput() throws Exception {
        String output;
        var secrets = new ArrayList<String>();
        try (var capture = new CapturedOutput();
                var provider = AccountCenterProvider.start();
                var server = TestServer.startLocal(withProvider(provider))) {
            String key = OperatorCli.createApiKey(server, "account-center");
            secrets.add(key);
            secrets.add(key.substring(key.length() - 43));
            var api = new ApiClient(server, ApiContract.load(), key);
            String hash = new Passwords().hash(PASSWORD);
            secrets.add(hash);
            assertThat(api.put(
                                    "/api/v1/contacts/acme-6262",
                                    "{\"accountNumber\":\"6262\",\"name\":\"Ada\","
                                            + "\"email\":\"ada6262@example.com\",\"passwordHash\":\"" + hash + "\"}")
                            .status())
                    .isEqualTo(201);
            String pin = json.readTree(
                            api.post("/api/v1/contacts/acme-6262/support-pin").body())
                    .path("pin")
                    .asText();
            secrets.add(pin);
            assertThat(api.withKey(key.substring(0, key.length() - 2) + "xx")
                            .get("/api/v1/contacts/acme-6262/support-pin")
                            .status())
                    .isEqualTo(401);

            var browser = new OidcBrowser(server.localUrl(""));
            URI authorize = browser.start();
            String query = authorize.getRawQuery();
            for (String name : List.of("state", "nonce", "code_challenge")) {
                secrets.add(parameter(query, name));
            }
            secrets.add(provider.nextTokenResponse(
                    "acme-6262",
                    parameter(query, "nonce"),
                    Instant.now(),
                    Instant.now().plusSeconds(300),
                    AccountCenterProvider.Signing.PUBLISHED));
            secrets.add(AccountCenterProvider.ACCESS_TOKEN);
            URI callback = browser.authorize(authorize);
            secrets.add(parameter(callback.getRawQuery(), "code"));
            browser.cookies().getCookieStore().getCookies().forEach(cookie -> secrets.add(cookie.getValue()));
            assertThat(browser.get(callback).statusCode()).isEqualTo(303);
            browser.cookies().getCookieStore().getCookies().forEach(cookie -> secrets.add(cookie.getValue()));
            assertThat(browser.get(callback).statusCode()).isEqualTo(400);

            var call = server.twilio().call("+14155550162");
            call.incoming();
            call.account("6262");
            assertThat(Twiml.text(call.pin(pin).body(), "Enqueue")).isEqualTo("support");
            server.close();
            output = capture.text();
        }
        secrets.add(AccountCenterProvider.CLIENT_SECRET);
        assertThat(output)
                .as("captured output")
                .contains("api key=account-center", "signed in through the account center", "outcome=verified");
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(output).doesNotContain(secret);
        }
    }

    private static Map<String, String> withProvider(AccountCenterProvider provider) {
        var env = new HashMap<String, String>(provider.env());
        env.put("PIN_DIGITS", "8");
        return env;
    }

    private static String parameter(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + rawQuery);
    }
}
