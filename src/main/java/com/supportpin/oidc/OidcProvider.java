package com.supportpin.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The account center as an OpenID Connect provider, every step through Nimbus (discovery, PKCE, token checks, key rotation). */
public final class OidcProvider {

    private static final Logger log = LoggerFactory.getLogger(OidcProvider.class);
    private static final int TIMEOUT_MS = 5_000;
    private static final Duration DISCOVERY_TTL = Duration.ofHours(1);

    /** The client's settings: who the provider is, who we are to it, and which claim names the contact. */
    public record Settings(
            URI issuer,
            String clientId,
            String clientSecret,
            String subjectClaim,
            URI callbackUrl,
            URI afterLogoutUrl) {
        @Override
        public String toString() {
            return "Settings[issuer=" + issuer + ", clientId=" + clientId + ", subjectClaim=" + subjectClaim + "]";
        }
    }

    /** Why a sign-in that came back from the provider was not accepted. */
    public enum Refusal {
        /** Discovery, the JWKS or the token endpoint could not be reached or made no sense. */
        PROVIDER_UNAVAILABLE,
        /** The token endpoint refused the code (used before, expired, or not ours). */
        CODE_REFUSED,
        /** The ID token failed a check: signature, issuer, audience, expiry or nonce. */
        ID_TOKEN_INVALID,
        /** The ID token lacks the claim that names the contact. */
        NO_SUBJECT
    }

    /** What the code exchange gave: the contact's id at the account center, or why not. */
    public record Outcome(Optional<String> subject, Optional<Refusal> refusal) {
        static Outcome signedIn(String subject) {
            return new Outcome(Optional.of(subject), Optional.empty());
        }

        static Outcome refused(Refusal refusal) {
            return new Outcome(Optional.empty(), Optional.of(refusal));
        }
    }

    /** Discovery and the JWKS source built from it, kept for {@link #DISCOVERY_TTL}. */
    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant until) {}

    private final Settings settings;
    private final Issuer issuer;
    private final ClientID clientId;
    private volatile Discovered discovered;

    public OidcProvider(Settings settings) {
        this.settings = settings;
        this.issuer = new Issuer(settings.issuer());
        this.clientId = new ClientID(settings.clientId());
    }

    public Settings settings() {
        return settings;
    }

    /** Where to send the browser: the provider's authorization endpoint with our request. */
    public URI authorizationUrl(State state, Nonce nonce, CodeVerifier verifier) throws ProviderUnavailable {
        return new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new Scope("openid"),
                        clientId,
                        settings.callbackUrl())
                .endpointURI(discovered().metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Exchanges the code (with the PKCE verifier) and checks the ID token against the nonce we sent. */
    public Outcome finish(AuthorizationCode code, CodeVerifier verifier, Nonce nonce) {
        Discovered provider;
        try {
            provider = discovered();
        } catch (ProviderUnavailable e) {
            return Outcome.refused(Refusal.PROVIDER_UNAVAILABLE);
        }
        OIDCTokenResponse tokens;
        try {
            HTTPRequest request = new TokenRequest(
                            provider.metadata().getTokenEndpointURI(),
                            clientAuthentication(provider.metadata()),
                            new AuthorizationCodeGrant(code, settings.callbackUrl(), verifier))
                    .toHTTPRequest();
            request.setConnectTimeout(TIMEOUT_MS);
            request.setReadTimeout(TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(request.send());
            if (!response.indicatesSuccess()) {
                // only the error code: its description could quote what was sent
                log.info(
                        "account center refused the code: {}",
                        response.toErrorResponse().getErrorObject().getCode());
                return Outcome.refused(Refusal.CODE_REFUSED);
            }
            if (!(response.toSuccessResponse() instanceof OIDCTokenResponse oidc)) {
                log.info("account center answered the code without an ID token");
                return Outcome.refused(Refusal.ID_TOKEN_INVALID);
            }
            tokens = oidc;
        } catch (IOException | ParseException e) {
            log.warn("account center token endpoint failed: {}", e.getClass().getSimpleName());
            return Outcome.refused(Refusal.PROVIDER_UNAVAILABLE);
        }
        IDTokenClaimsSet claims;
        try {
            claims = provider.validator().validate(tokens.getOIDCTokens().getIDToken(), nonce);
        } catch (BadJOSEException | JOSEException e) {
            log.info("account center ID token refused: {}", e.getClass().getSimpleName());
            return Outcome.refused(Refusal.ID_TOKEN_INVALID);
        }
        Object subject = claims.getClaim(settings.subjectClaim());
        if (!(subject instanceof String text) || text.isBlank()) {
            log.info("account center ID token has no string claim {}", settings.subjectClaim());
            return Outcome.refused(Refusal.NO_SUBJECT);
        }
        return Outcome.signedIn(text);
    }

    /** The provider's RP-initiated logout URL, when its discovery names an end_session_endpoint. */
    public Optional<URI> logoutUrl() {
        try {
            URI endSession = discovered().metadata().getEndSessionEndpointURI();
            return endSession == null
                    ? Optional.empty()
                    : Optional.of(
                            new LogoutRequest(endSession, null, null, clientId, settings.afterLogoutUrl(), null, null)
                                    .toURI());
        } catch (ProviderUnavailable e) {
            return Optional.empty();
        }
    }

    /** Thrown when discovery fails: the provider is down, or its document names another issuer. */
    public static final class ProviderUnavailable extends Exception {
        ProviderUnavailable(String message) {
            super(message);
        }
    }

    private Discovered discovered() throws ProviderUnavailable {
        Discovered known = discovered;
        if (known != null && Instant.now().isBefore(known.until())) {
            return known;
        }
        synchronized (this) {
            if (discovered != null && Instant.now().isBefore(discovered.until())) {
                return discovered;
            }
            try {
                // resolve() refuses a document whose issuer is not exactly the configured one
                OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MS, TIMEOUT_MS);
                discovered = new Discovered(
                        metadata, validator(metadata), Instant.now().plus(DISCOVERY_TTL));
                return discovered;
            } catch (GeneralException | IOException e) {
                log.warn("account center discovery failed for {}: {}", settings.issuer(), e.getMessage());
                if (discovered != null) {
                    return discovered; // keep the last good document while the provider is away
                }
                throw new ProviderUnavailable("discovery failed");
            }
        }
    }

    private IDTokenValidator validator(OIDCProviderMetadata metadata) throws IOException {
        // Cached keys, refetched (at most twice per 30 s) when a token names a key id the cache lacks.
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(
                        metadata.getJWKSetURI().toURL(),
                        new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024))
                .build();
        List<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs() == null
                        || metadata.getIDTokenJWSAlgs().isEmpty()
                ? List.of(JWSAlgorithm.RS256)
                : metadata.getIDTokenJWSAlgs();
        var validator = new IDTokenValidator(
                issuer, clientId, new JWSVerificationKeySelector<>(new HashSet<>(algorithms), keys), null);
        validator.setMaxClockSkew(60);
        return validator;
    }

    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        var methods = metadata.getTokenEndpointAuthMethods();
        Secret secret = new Secret(settings.clientSecret());
        boolean postOnly = methods != null
                && !methods.isEmpty()
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(clientId, secret) : new ClientSecretBasic(clientId, secret);
    }
}
