package com.supportpin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsDescribeAnEmbeddedDevelopmentInstance() {
        Config config = Config.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.publicBaseUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(config.pinTtl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.pinDigits()).isEqualTo(4);
        assertThat(config.pinMaxFailures()).isEqualTo(5);
        assertThat(config.secureCookies()).isFalse();
    }

    @Test
    void everyProblemIsListedAtOnce() {
        var error = catchThrowableOfType(
                Config.InvalidConfig.class,
                () -> Config.fromEnvironment(Map.of(
                        "PORT", "eighty",
                        "DATABASE_URL", "jdbc:postgresql://db/ivr",
                        "PUBLIC_BASE_URL", "ftp://example.com",
                        "PIN_TTL", "90 minutes",
                        "PIN_DIGITS", "3",
                        "PIN_MAX_FAILURES", "0")));
        assertThat(error.problems()).hasSize(7);
        assertThat(error.getMessage())
                .contains(
                        "PORT",
                        "TWILIO_AUTH_TOKEN",
                        "APP_SECRET",
                        "PUBLIC_BASE_URL",
                        "PIN_TTL",
                        "PIN_DIGITS",
                        "PIN_MAX_FAILURES");
    }

    @Test
    void hashingWaitingPlacesFollowTheThreadsUnlessSet() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        assertThat(Config.fromEnvironment(Map.of()).hashing()).isEqualTo(new Config.Hashing(threads, 16 * threads));
        assertThat(Config.fromEnvironment(Map.of("HASHING_THREADS", "3")).hashing())
                .isEqualTo(new Config.Hashing(3, 48));
        assertThat(Config.fromEnvironment(Map.of("HASHING_THREADS", "3", "HASHING_QUEUE", "0"))
                        .hashing())
                .isEqualTo(new Config.Hashing(3, 0));
    }

    @Test
    void aShortAppSecretIsRefused() {
        var error = catchThrowableOfType(
                Config.InvalidConfig.class, () -> Config.fromEnvironment(Map.of("APP_SECRET", "short")));
        assertThat(error.problems()).containsExactly("APP_SECRET must be at least 32 characters");
    }

    @Test
    void anHttpsPublicUrlTurnsOnSecureCookies() {
        Config config = Config.fromEnvironment(Map.of("PUBLIC_BASE_URL", "https://support.example.com/"));
        assertThat(config.secureCookies()).isTrue();
        assertThat(config.publicUrl("/voice/incoming")).isEqualTo("https://support.example.com/voice/incoming");
    }

    @Test
    void agentAndHoldSettingsHaveDefaultsAndAreValidatedTogether() {
        Config defaults = Config.fromEnvironment(Map.of());
        assertThat(defaults.callbackOfferAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.agentMaxFailures()).isEqualTo(5);
        assertThat(defaults.agentLockout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.taskRouterWorkflowSid()).isEmpty();

        var error = catchThrowableOfType(
                Config.InvalidConfig.class,
                () -> Config.fromEnvironment(Map.of(
                        "CALLBACK_OFFER_AFTER", "5 minutes",
                        "AGENT_MAX_FAILURES", "0",
                        "AGENT_LOCKOUT", "PT0S",
                        "TASKROUTER_WORKFLOW_SID", "WS0123")));
        assertThat(error.problems()).hasSize(4);
        assertThat(error.getMessage())
                .contains("CALLBACK_OFFER_AFTER", "AGENT_MAX_FAILURES", "AGENT_LOCKOUT", "TASKROUTER_WORKFLOW_SID");

        Config taskRouter =
                Config.fromEnvironment(Map.of("TASKROUTER_WORKFLOW_SID", "WW0123456789abcdef0123456789abcdef"));
        assertThat(taskRouter.taskRouterWorkflowSid()).contains("WW0123456789abcdef0123456789abcdef");
    }

    @Test
    void callbackSettingsHaveDefaultsAndAreValidatedTogether() {
        Config defaults = Config.fromEnvironment(Map.of());
        assertThat(defaults.callbacks().supportLineNumber()).isEmpty();
        assertThat(defaults.callbacks().maxAttempts()).isEqualTo(3);
        assertThat(defaults.callbacks().retryAfter()).isEqualTo(Duration.ofMinutes(10));
        Config set = Config.fromEnvironment(Map.of(
                "SUPPORT_LINE_NUMBER", "+18005550100", "CALLBACK_MAX_ATTEMPTS", "5", "CALLBACK_RETRY_AFTER", "PT30M"));
        assertThat(set.callbacks().supportLineNumber()).contains("+18005550100");
        assertThat(set.callbacks().maxAttempts()).isEqualTo(5);
        assertThat(set.callbacks().retryAfter()).isEqualTo(Duration.ofMinutes(30));

        var error = catchThrowableOfType(
                Config.InvalidConfig.class,
                () -> Config.fromEnvironment(Map.of(
                        "SUPPORT_LINE_NUMBER",
                        "800 555 0100",
                        "CALLBACK_MAX_ATTEMPTS",
                        "0",
                        "CALLBACK_RETRY_AFTER",
                        "soon")));
        assertThat(error.problems()).hasSize(3);
        assertThat(error.getMessage()).contains("SUPPORT_LINE_NUMBER", "CALLBACK_MAX_ATTEMPTS", "CALLBACK_RETRY_AFTER");
    }

    @Test
    void trustedProxiesAreAddressesAndCidrBlocksOfBothFamilies() {
        Config config = Config.fromEnvironment(Map.of("TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,::1"));
        assertThat(config.trustedProxies().isEmpty()).isFalse();
        assertThat(Config.fromEnvironment(Map.of()).trustedProxies().isEmpty())
                .as("default: trust no one")
                .isTrue();
    }

    @Test
    void aMalformedTrustedProxyIsNamedAndStopsStartUp() {
        var error = catchThrowableOfType(
                Config.InvalidConfig.class,
                () -> Config.fromEnvironment(Map.of(
                        "TRUSTED_PROXIES",
                        "10.0.0.0/8, proxy.example.com, 10.1.2.3/33, 300.1.1.1, 2001:db8::/129, 10.0.0.1/x")));
        assertThat(error.problems())
                .containsExactly(
                        "TRUSTED_PROXIES: 'proxy.example.com' is not an IPv4 or IPv6 address or CIDR block",
                        "TRUSTED_PROXIES: '10.1.2.3/33' has a prefix length outside 0 to 32",
                        "TRUSTED_PROXIES: '300.1.1.1' is not an IPv4 or IPv6 address or CIDR block",
                        "TRUSTED_PROXIES: '2001:db8::/129' has a prefix length outside 0 to 128",
                        "TRUSTED_PROXIES: '10.0.0.1/x' has a prefix length outside 0 to 32");
    }
}
