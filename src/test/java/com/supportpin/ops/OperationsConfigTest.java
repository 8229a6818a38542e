package com.supportpin.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operations variables are checked with the rest of the configuration, every problem at once. */
class OperationsConfigTest {

    @Test
    void metricsAreOffUnlessAPortOrATokenIsSet() {
        var config = Config.fromEnvironment(Map.of());
        assertThat(config.metricsPort()).isEmpty();
        assertThat(config.metricsToken()).isEmpty();
        assertThat(config.jsonLogs()).isFalse();
    }

    @Test
    void validMetricsSettingsAndJsonLogsAreRead() {
        var config = Config.fromEnvironment(Map.of(
                "METRICS_PORT", "9464", "METRICS_TOKEN", "a-long-enough-metrics-token-123", "LOG_FORMAT", "json"));
        assertThat(config.metricsPort()).hasValue(9464);
        assertThat(config.metricsToken()).hasValue("a-long-enough-metrics-token-123");
        assertThat(config.jsonLogs()).isTrue();
    }

    @Test
    void badOperationsSettingsAreAllReportedTogether() {
        assertThatThrownBy(() -> Config.fromEnvironment(
                        Map.of("PORT", "8080", "METRICS_PORT", "8080", "METRICS_TOKEN", "short", "LOG_FORMAT", "xml")))
                .isInstanceOfSatisfying(
                        Config.InvalidConfig.class,
                        invalid -> assertThat(invalid.problems())
                                .anySatisfy(
                                        problem -> assertThat(problem).startsWith("METRICS_PORT must differ from PORT"))
                                .anySatisfy(
                                        problem -> assertThat(problem).startsWith("METRICS_TOKEN must be at least 24"))
                                .anySatisfy(
                                        problem -> assertThat(problem).startsWith("LOG_FORMAT must be text or json")));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("METRICS_PORT", "metrics")))
                .hasMessageContaining("METRICS_PORT must be a whole number");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("METRICS_PORT", "70000")))
                .hasMessageContaining("METRICS_PORT must be between 0 and 65535");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("METRICS_TOKEN", "token with spaces inside it 1234")))
                .hasMessageContaining("METRICS_TOKEN");
    }
}
