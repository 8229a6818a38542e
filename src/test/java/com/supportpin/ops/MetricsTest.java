package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.TestServer;
import com.supportpin.support.WebClient;
import com.supportpin.voice.VoicePaths;
import com.supportpin.web.WebPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /metrics speaks Prometheus, and never to strangers on the public port. */
class MetricsTest {

    private static final String TOKEN = "metrics-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onThePublicPortMetricsNeedTheBearerToken() throws Exception {
        try (var server = TestServer.start(Map.of("METRICS_TOKEN", TOKEN))) {
            String url = server.localUrl(OpsPaths.METRICS);
            assertThat(get(url, null).statusCode()).isEqualTo(401);
            assertThat(get(url, "Bearer wrong-token-0123456789abcdef").statusCode())
                    .isEqualTo(401);
            assertThat(get(url, "Basic " + TOKEN).statusCode()).isEqualTo(401);
            var scraped = get(url, "Bearer " + TOKEN);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            assertThat(scraped.body()).contains("# TYPE hikaricp_connections_active gauge");
        }
    }

    @Test
    void withoutATokenThePublicPortHasNoMetricsAndMetricsPortServesThem() throws Exception {
        try (var server = TestServer.start(Map.of("METRICS_PORT", "0"))) {
            assertThat(get(server.localUrl(OpsPaths.METRICS), null).statusCode())
                    .isEqualTo(404);
            int port = server.app().metricsPort().orElseThrow();
            assertThat(port).isNotEqualTo(server.port());
            var scraped = get("http://localhost:" + port + OpsPaths.METRICS, null);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body())
                    .contains(
                            "hikaricp_connections",
                            "ivr_verifications_total{outcome=\"unavailable\"} 0",
                            "ivr_pin_lockouts_total 0",
                            "ivr_callbacks_requested_total{kind=\"new\"} 0",
                            "ivr_callbacks_placed_total 0",
                            "ivr_callbacks_reached_total 0",
                            "ivr_callbacks_unreached_total{final=\"true\",result=\"no-answer\"} 0",
                            "ivr_callback_reach_seconds_count 0",
                            "ivr_webhook_seconds_count{step=\"pin\"} 0",
                            "ivr_webhook_seconds_count{step=\"hold-callback\"} 0",
                            "ivr_webhook_seconds_count{step=\"agent-passcode\"} 0",
                            "ivr_webhook_seconds_count{step=\"queue-connect\"} 0",
                            "ivr_verifications_total{outcome=\"no_input\"} 0",
                            "ivr_sign_ins_total{result=\"failure\",route=\"/login\"} 0");
            assertThat(scraped.headers().firstValue("Server")).isEmpty();
        }
        try (var server = TestServer.start(Map.of())) {
            assertThat(server.app().metricsPort()).isEmpty();
            assertThat(get(server.localUrl(OpsPaths.METRICS), "Bearer " + TOKEN).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void callsSignInsAndThePoolShowUpInTheMetrics() throws Exception {
        try (var server = TestServer.start(Map.of("METRICS_PORT", "0", "PIN_MAX_FAILURES", "2"))) {
            var twilio = new FakeTwilio(server);
            long alice = server.addContact("3131", "Alice Example", "alice3131@example.com", "correct horse 1");
            String pin = server.generatePin(alice);
            var verified = twilio.call("+14155550199");
            verified.incoming();
            verified.account("3131");
            verified.pin(pin);
            verified.post(VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "bridged", "QueueTime", "42"));
            // PIN_MAX_FAILURES is 2: the second wrong PIN locks the account.
            String wrong = pin.equals("0000") ? "1111" : "0000";
            var failed = twilio.call("+14155550200");
            failed.incoming();
            failed.account("3131");
            failed.pin(wrong);
            failed.account("3131");
            failed.pin(wrong);
            var noPin = twilio.call("+14155550201");
            noPin.incoming();
            noPin.account("*");
            twilio.call("+14155550202").post(AgentLinePaths.VOICE_AGENT, Map.of());
            var browser = new WebClient(server);
            assertThat(browser.signIn("alice3131@example.com", "not her password")
                            .status())
                    .isEqualTo(401);
            assertThat(browser.signIn("alice3131@example.com", "correct horse 1")
                            .status())
                    .isEqualTo(303);
            http.send(
                    HttpRequest.newBuilder(URI.create(server.localUrl(WebPaths.API_SESSION)))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"alice3131@example.com\",\"password\":\"no\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());

            String metrics = get(
                            "http://localhost:" + server.app().metricsPort().orElseThrow() + OpsPaths.METRICS, null)
                    .body();
            assertThat(metrics)
                    .contains(
                            "ivr_webhook_seconds_bucket{step=\"pin\",le=\"0.5\"}",
                            "ivr_webhook_seconds_count{step=\"incoming\"} 3",
                            "ivr_webhook_outcomes_total{outcome=\"verified\",step=\"pin\"} 1",
                            "ivr_verifications_total{outcome=\"verified\"} 1",
                            "ivr_verifications_total{outcome=\"locked\"} 1",
                            "ivr_verifications_total{outcome=\"no_pin\"} 1",
                            "ivr_pin_checks_total{outcome=\"wrong_pin\"} 1",
                            "ivr_pin_checks_total{outcome=\"locked\"} 1",
                            "ivr_pin_lockouts_total 1",
                            "ivr_queue_wait_seconds_count{result=\"bridged\"} 1",
                            "ivr_webhook_outcomes_total{outcome=\"welcomed\",step=\"agent-line\"} 1",
                            "ivr_queue_wait_seconds_sum{result=\"bridged\"} 42",
                            "ivr_sign_ins_total{result=\"failure\",route=\"/api/session\"} 1",
                            "ivr_sign_ins_total{result=\"failure\",route=\"/login\"} 1",
                            "ivr_sign_ins_total{result=\"success\",route=\"/login\"} 1",
                            "hikaricp_connections_max{pool=\"support-pin-ivr\"}",
                            "jvm_memory_used_bytes");
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
