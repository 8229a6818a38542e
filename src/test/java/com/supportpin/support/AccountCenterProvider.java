package com.supportpin.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/** A real OpenID Connect provider (mock-oauth2-server) on a random port; its key rotates and its next token answer can be forged. */
public final class AccountCenterProvider implements AutoCloseable {

    public static final String ISSUER_ID = "acme";
    public static final String CLIENT_ID = "support-pin";
    public static final String CLIENT_SECRET = "test-client-secret-0123456789";
    /** The access token of an answer a test wrote ({@link #nextTokenResponse}). */
    public static final String ACCESS_TOKEN = "opaque-access-token-5f0c9a";

    /** How an ID token handed out by {@link #nextTokenResponse} is signed. */
    public enum Signing {
        /** With the key the JWKS publishes. */
        PUBLISHED,
        /** With another key under the published key's id: the signature cannot verify. */
        FORGED_SAME_KEY_ID,
        /** With another key under an id the JWKS never names, even when fetched again. */
        FORGED_UNKNOWN_KEY_ID
    }

    private final Keys keys = new Keys();
    private final MockOAuth2Server server;
    /** The token endpoint's next answer, when a test wrote it (the provider's own otherwise). */
    private volatile String nextTokenResponse;

    private AccountCenterProvider(boolean interactiveLogin) {
        server = new MockOAuth2Server(
                new OAuth2Config(interactiveLogin, null, null, false, new OAuth2TokenProvider(keys)),
                new TokenOverride());
        server.start(0);
    }

    /** A provider that signs in whoever its token callbacks say, without a login page. */
    public static AccountCenterProvider start() {
        return new AccountCenterProvider(false);
    }

    /** A provider with its login page: a person types the username, which becomes the subject. */
    public static AccountCenterProvider startWithLoginPage() {
        return new AccountCenterProvider(true);
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The app's environment for this provider. */
    public Map<String, String> env() {
        return Map.of("OIDC_ISSUER", issuer(), "OIDC_CLIENT_ID", CLIENT_ID, "OIDC_CLIENT_SECRET", CLIENT_SECRET);
    }

    /** The next token request gets an ID token for {@code subject}, with extra claims (which may override iss). */
    public void nextSignIn(String subject, Map<String, Object> claims, long expirySeconds) {
        server.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, expirySeconds));
    }

    public void nextSignIn(String subject) {
        nextSignIn(subject, Map.of(), 3600);
    }

    /** A new signing key under a new key id, published in place of the old one. */
    public void rotateKey() {
        keys.rotate();
    }

    /**
     * The token endpoint's next answer carries an ID token with these times, signed as said: what a provider
     * with a clock gone wrong, or someone holding a key the provider never published, would send. Returns the
     * ID token; the access token is {@link #ACCESS_TOKEN}.
     */
    public String nextTokenResponse(
            String subject, String nonce, Instant issuedAt, Instant expiresAt, Signing signing) {
        RSAKey key = switch (signing) {
            case PUBLISHED -> keys.published;
            case FORGED_SAME_KEY_ID -> Keys.newKey(keys.published.getKeyID());
            case FORGED_UNKNOWN_KEY_ID -> Keys.newKey("unknown-" + UUID.randomUUID());
        };
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(CLIENT_ID)
                .claim("nonce", nonce)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        try {
            var token = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            token.sign(new RSASSASigner(key));
            nextTokenResponse = "{\"access_token\":\"" + ACCESS_TOKEN
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":60," + "\"id_token\":\"" + token.serialize() + "\"}";
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key id the JWKS publishes now. */
    public String publishedKeyId() {
        return keys.published.getKeyID();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** Answers the token endpoint once with {@link #nextTokenResponse}, when a test wrote one. */
    private final class TokenOverride implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return nextTokenResponse != null
                    && request.getMethod().equals("POST")
                    && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String body = nextTokenResponse;
            nextTokenResponse = null;
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, body, null);
        }
    }

    /** The provider's signing key, which {@link #rotateKey} replaces (and the JWKS with it). */
    private static final class Keys extends KeyProvider {
        private volatile RSAKey published = newKey(UUID.randomUUID().toString());

        Keys() {
            super(List.of(), "RS256");
        }

        void rotate() {
            published = newKey(UUID.randomUUID().toString());
        }

        @Override
        public JWK signingKey(String issuerId) {
            return published;
        }

        static RSAKey newKey(String keyId) {
            try {
                return new RSAKeyGenerator(2048).keyID(keyId).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
