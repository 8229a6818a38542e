package com.supportpin.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.supportpin.config.Config;
import com.supportpin.contact.ContactDao;
import com.supportpin.web.HmacKey;
import com.supportpin.web.Pages;
import com.supportpin.web.SessionTokens;
import com.supportpin.web.Sessions;
import com.supportpin.web.SignInOptions;
import com.supportpin.web.WebPaths;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

/** "Sign in with your account center": the ID token's subject names an existing contact, who gets an ordinary session. */
public final class OidcSignIn implements SignInOptions.Provider {

    public static final String START = "/login/account-center";
    public static final String CALLBACK = START + "/callback";
    /** How long a sign-in may stay at the provider (typing a password, a second factor). */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    /** The error page's model (the shared {@code error} template). */
    record ErrorPage(Pages.Links links, String title, String message) {}

    private final OidcProvider provider;
    private final Jdbi jdbi;
    private final Sessions sessions;
    private final Pages pages;
    private final Clock clock;
    private final boolean secure;
    private final String afterSignIn;
    private final HmacKey verifierKey;
    private final HmacKey nonceKey;

    /** {@code afterSignIn} is one of our own page paths: where a signed-in contact lands. */
    /** The account center's sign-in when OIDC_ISSUER is configured, coming back to the Support PIN page. */
    public static Optional<OidcSignIn> configured(
            Config config, Jdbi jdbi, Sessions sessions, Pages pages, Clock clock) {
        Config.AccountCenter center = config.accountCenter();
        return center.oidcIssuer()
                .map(issuer -> new OidcSignIn(
                        new OidcProvider(new OidcProvider.Settings(
                                issuer,
                                center.oidcClientId().orElseThrow(),
                                center.oidcClientSecret().orElseThrow(),
                                center.oidcSubjectClaim(),
                                URI.create(config.publicUrl(CALLBACK)),
                                URI.create(config.publicUrl(WebPaths.LOGIN)))),
                        jdbi,
                        sessions,
                        pages,
                        clock,
                        config.appSecret().orElseThrow(),
                        config.secureCookies(),
                        WebPaths.SUPPORT_PIN));
    }

    public OidcSignIn(
            OidcProvider provider,
            Jdbi jdbi,
            Sessions sessions,
            Pages pages,
            Clock clock,
            String appSecret,
            boolean secure,
            String afterSignIn) {
        this.provider = provider;
        this.jdbi = jdbi;
        this.sessions = sessions;
        this.pages = pages;
        this.clock = clock;
        this.secure = secure;
        this.afterSignIn = afterSignIn;
        this.verifierKey = new HmacKey(appSecret, "oidc-pkce-verifier");
        this.nonceKey = new HmacKey(appSecret, "oidc-nonce");
    }

    /** Registers the two routes. */
    public void mount(Service http) {
        http.get(START, this::start);
        http.get(CALLBACK, this::callback);
    }

    @Override
    public String startPath() {
        return START;
    }

    @Override
    public Optional<URI> logoutUrl() {
        return provider.logoutUrl();
    }

    /** The origin of the provider, for the pages' form-action (logout ends at the provider). */
    public static String origin(URI issuer) {
        return issuer.getScheme() + "://" + issuer.getRawAuthority();
    }

    Object start(Request request, Response response) {
        String browserToken = SessionTokens.newToken();
        String state = SessionTokens.newToken();
        URI destination;
        try {
            destination = provider.authorizationUrl(
                    new State(state), nonce(browserToken, state), verifier(browserToken, state));
        } catch (OidcProvider.ProviderUnavailable e) {
            return unavailable(response);
        }
        Instant now = clock.instant();
        jdbi.useExtension(
                OidcLoginDao.class,
                logins -> logins.insert(
                        SessionTokens.sha256(state), SessionTokens.sha256(browserToken), now, now.minus(PATIENCE)));
        response.header(
                "Set-Cookie",
                SessionTokens.cookie(cookieName(), browserToken, (int) PATIENCE.toSeconds(), "Lax", secure));
        response.header("Cache-Control", "no-store");
        response.status(303);
        response.header("Location", destination.toString());
        return "";
    }

    Object callback(Request request, Response response) {
        String browserToken = request.cookie(cookieName());
        AuthenticationResponse answer;
        try {
            String query = request.queryString() == null ? "" : request.queryString();
            answer = AuthenticationResponseParser.parse(
                    URI.create(provider.settings().callbackUrl() + "?" + query));
        } catch (ParseException | IllegalArgumentException e) {
            return page(response, 400, "Sign-in failed", "This sign-in answer is not valid. Please sign in again.");
        }
        State state = answer.getState();
        Instant now = clock.instant();
        boolean ours = browserToken != null
                && browserToken.length() == SessionTokens.LENGTH
                && state != null
                && jdbi.withExtension(
                        OidcLoginDao.class,
                        logins -> logins.take(
                                SessionTokens.sha256(state.getValue()),
                                SessionTokens.sha256(browserToken),
                                now.minus(PATIENCE)));
        if (!ours) {
            // the cookie stays: a forged answer sent to this browser must not break the sign-in it has under way
            log.info("account center sign-in refused: unknown, used or foreign state");
            return page(
                    response,
                    400,
                    "Sign-in expired",
                    "This sign-in has expired or was started in another browser. Please sign in again.");
        }
        response.header("Set-Cookie", SessionTokens.cookie(cookieName(), "", 0, "Lax", secure));
        if (!answer.indicatesSuccess()) {
            log.info(
                    "account center did not sign in: {}",
                    answer.toErrorResponse().getErrorObject().getCode());
            return page(response, 401, "Not signed in", "The account center did not sign you in. Please try again.");
        }
        AuthenticationSuccessResponse success = answer.toSuccessResponse();
        // RFC 9207: a provider that names itself must be ours (mix-up defence)
        if (success.getIssuer() != null
                && !success.getIssuer()
                        .getValue()
                        .equals(provider.settings().issuer().toString())) {
            log.info("account center sign-in refused: answer from another issuer");
            return page(response, 401, "Not signed in", CONFIRM_FAILED);
        }
        var outcome = provider.finish(
                success.getAuthorizationCode(),
                verifier(browserToken, state.getValue()),
                nonce(browserToken, state.getValue()));
        if (outcome.refusal().isPresent()) {
            return outcome.refusal().get() == OidcProvider.Refusal.PROVIDER_UNAVAILABLE
                    ? unavailable(response)
                    : page(response, 401, "Not signed in", CONFIRM_FAILED);
        }
        Optional<ContactDao.Contact> contact = jdbi.withExtension(
                ContactDao.class,
                contacts -> contacts.findEnabledByExternalId(outcome.subject().get()));
        if (contact.isEmpty()) {
            log.info("account center signed in someone who is no contact here");
            return page(
                    response,
                    403,
                    "No Support PIN access yet",
                    "You are signed in at the account center, but your account has no Support PIN access here yet. "
                            + "Please contact the hosting company's support.");
        }
        sessions.startFromProvider(request, response, contact.get());
        log.info(
                "contact {} signed in through the account center", contact.get().id());
        return Pages.redirect(response, afterSignIn);
    }

    private static final String CONFIRM_FAILED =
            "We could not confirm your sign-in with the account center. Please sign in again.";

    private Object unavailable(Response response) {
        return page(
                response,
                503,
                "Account center unavailable",
                "The account center cannot be reached just now. Please try again in a minute.");
    }

    private String page(Response response, int status, String title, String message) {
        return pages.render(response, status, "error", new ErrorPage(Pages.LINKS, title, message));
    }

    private String cookieName() {
        return secure ? "__Host-oidc" : "oidc";
    }

    private CodeVerifier verifier(String browserToken, String state) {
        return new CodeVerifier(verifierKey.signToText(browserToken + "." + state)); // 43 characters, as PKCE wants
    }

    private Nonce nonce(String browserToken, String state) {
        return new Nonce(nonceKey.signToText(browserToken + "." + state));
    }
}
