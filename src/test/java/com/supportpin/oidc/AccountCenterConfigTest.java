package com.supportpin.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.config.Config;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account center's variables are checked with the rest of the configuration, every problem at once. */
class AccountCenterConfigTest {

    @Test
    void withoutOidcVariablesPasswordSignInIsTheOnlyOne() {
        var center = Config.fromEnvironment(Map.of()).accountCenter();
        assertThat(center.oidcConfigured()).isFalse();
        assertThat(center.passwordSignIn()).isTrue();
        assertThat(center.oidcSubjectClaim()).isEqualTo("sub");
        assertThat(center.apiCallsPerMinute()).isEqualTo(120);
    }

    @Test
    void aCompleteOidcSettingIsReadAndItsSecretStaysOutOfToString() {
        var center = Config.fromEnvironment(Map.of(
                        "OIDC_ISSUER",
                        "https://sso.example.com/realms/hosting",
                        "OIDC_CLIENT_ID",
                        "support-pin",
                        "OIDC_CLIENT_SECRET",
                        "s3cret-value-xyz",
                        "OIDC_SUBJECT_CLAIM",
                        "customer_id",
                        "PASSWORD_SIGN_IN",
                        "false",
                        "API_RATE_LIMIT",
                        "30"))
                .accountCenter();
        assertThat(center.oidcIssuer()).contains(URI.create("https://sso.example.com/realms/hosting"));
        assertThat(center.oidcSubjectClaim()).isEqualTo("customer_id");
        assertThat(center.passwordSignIn()).isFalse();
        assertThat(center.apiCallsPerMinute()).isEqualTo(30);
        assertThat(center.toString()).doesNotContain("s3cret-value-xyz");
    }

    @Test
    void halfAnOidcSettingAPlainHttpIssuerAndPasswordsOffWithoutOidcAreAllReported() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of(
                        "OIDC_ISSUER",
                        "http://sso.example.com/realms/x",
                        "OIDC_SUBJECT_CLAIM",
                        "bad claim",
                        "API_RATE_LIMIT",
                        "0")))
                .isInstanceOfSatisfying(
                        Config.InvalidConfig.class,
                        invalid -> assertThat(invalid.problems())
                                .anySatisfy(
                                        problem -> assertThat(problem)
                                                .startsWith(
                                                        "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together"))
                                .anySatisfy(
                                        problem -> assertThat(problem).startsWith("OIDC_ISSUER must be an https URL"))
                                .anySatisfy(problem ->
                                        assertThat(problem).startsWith("OIDC_SUBJECT_CLAIM must be a claim name"))
                                .anySatisfy(
                                        problem -> assertThat(problem).startsWith("API_RATE_LIMIT must be between")));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PASSWORD_SIGN_IN", "false")))
                .hasMessageContaining("PASSWORD_SIGN_IN=false needs OIDC_ISSUER");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PASSWORD_SIGN_IN", "no")))
                .hasMessageContaining("PASSWORD_SIGN_IN must be true or false");
        // a provider on this machine (a developer's Keycloak) may be plain http
        assertThat(Config.fromEnvironment(Map.of(
                                "OIDC_ISSUER",
                                "http://localhost:8180/realms/dev",
                                "OIDC_CLIENT_ID",
                                "a",
                                "OIDC_CLIENT_SECRET",
                                "b"))
                        .accountCenter()
                        .oidcConfigured())
                .isTrue();
    }
}
