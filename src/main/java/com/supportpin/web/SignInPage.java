package com.supportpin.web;

import com.supportpin.contact.ContactDao;
import com.supportpin.contact.Contacts;
import java.net.URI;
import java.util.Optional;
import spark.Request;
import spark.Response;

/** Signing a contact in and out; one message for an unknown e-mail and a wrong password. */
public final class SignInPage {

    static final String BAD_CREDENTIALS = "The e-mail address or password is not correct.";
    static final String MISSING_FIELDS = "Enter your e-mail address and your password.";
    static final String FORM_EXPIRED = "This sign-in form has expired. Please try again.";
    static final String BUSY = "Sign-in is very busy right now. Please try again in a moment.";
    static final String PASSWORD_OFF = "Sign in with your account center.";

    /** What the sign-in template shows. */
    record Model(
            Pages.Links links, String csrf, String email, String error, boolean passwordSignIn, String providerSignIn) {
        public String title() {
            return "Sign in";
        }
    }

    private final Pages pages;
    private final Sessions sessions;
    private final LoginCsrf loginCsrf;
    private final Contacts contacts;
    private final SignInThrottle throttle;
    private final SignInOptions options;

    public SignInPage(Pages pages, Sessions sessions, LoginCsrf loginCsrf, Contacts contacts, SignInThrottle throttle) {
        this(pages, sessions, loginCsrf, contacts, throttle, SignInOptions.passwordOnly());
    }

    public SignInPage(
            Pages pages,
            Sessions sessions,
            LoginCsrf loginCsrf,
            Contacts contacts,
            SignInThrottle throttle,
            SignInOptions options) {
        this.pages = pages;
        this.sessions = sessions;
        this.loginCsrf = loginCsrf;
        this.contacts = contacts;
        this.throttle = throttle;
        this.options = options;
    }

    /** {@code GET /}: the PIN page when signed in, sign-in otherwise. */
    public Object root(Request request, Response response) {
        return Pages.redirect(response, sessions.current(request).isPresent() ? WebPaths.SUPPORT_PIN : WebPaths.LOGIN);
    }

    public Object show(Request request, Response response) {
        if (sessions.current(request).isPresent()) {
            return Pages.redirect(response, WebPaths.SUPPORT_PIN);
        }
        return form(response, 200, loginCsrf.tokenFor(request, response), "", null);
    }

    public Object submit(Request request, Response response) {
        if (!options.password()) {
            return form(response, 403, loginCsrf.tokenFor(request, response), "", PASSWORD_OFF);
        }
        Optional<Form> form = Form.of(request);
        if (form.isEmpty()) {
            return form(response, 415, loginCsrf.tokenFor(request, response), "", MISSING_FIELDS);
        }
        String email = form.get().field("email").trim();
        String password = form.get().field("password");
        if (!loginCsrf.matches(request, form.get().field(LoginCsrf.FIELD))) {
            return form(response, 403, loginCsrf.renewedToken(response), email, FORM_EXPIRED);
        }
        String csrf = loginCsrf.tokenFor(request, response);
        if (email.isEmpty() || password.isEmpty()) {
            return form(response, 400, csrf, email, MISSING_FIELDS);
        }
        var attempt = throttle.attempt(email, request.ip(), () -> contacts.signIn(email, password));
        if (attempt instanceof SignInThrottle.Busy<ContactDao.Contact> busy) {
            response.header("Retry-After", String.valueOf(busy.retryAfterSeconds()));
            return form(response, 503, csrf, email, BUSY);
        }
        if (attempt instanceof SignInThrottle.Throttled<ContactDao.Contact> throttled) {
            response.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            return form(response, 429, csrf, email, tooManyAttempts(throttled.retryAfterSeconds()));
        }
        Optional<ContactDao.Contact> contact = ((SignInThrottle.Done<ContactDao.Contact>) attempt).result();
        if (contact.isEmpty()) {
            return form(response, 401, csrf, email, BAD_CREDENTIALS);
        }
        sessions.start(request, response, contact.get());
        loginCsrf.clear(response);
        return Pages.redirect(response, WebPaths.SUPPORT_PIN);
    }

    /** {@code POST /logout}: deletes the session and goes on to the account center's logout when it started it. */
    public Object signOut(Request request, Response response) {
        Optional<Sessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return Pages.redirect(response, WebPaths.LOGIN);
        }
        Optional<Form> form = Form.of(request);
        if (form.isEmpty() || !Sessions.csrfMatches(session.get(), form.get().field(LoginCsrf.FIELD))) {
            return pages.render(response, 403, "error", ErrorModel.formExpired());
        }
        boolean byProvider = sessions.end(request, response);
        Optional<URI> providerLogout =
                options.provider().filter(provider -> byProvider).flatMap(SignInOptions.Provider::logoutUrl);
        if (providerLogout.isPresent()) {
            // The URL comes from the provider's discovery document (configuration), never from the request.
            response.status(303);
            response.header("Location", providerLogout.get().toString());
            return "";
        }
        return Pages.redirect(response, WebPaths.LOGIN);
    }

    static String tooManyAttempts(long retryAfterSeconds) {
        long minutes = (retryAfterSeconds + 59) / 60;
        return "Too many sign-in attempts. Please wait " + minutes + (minutes == 1 ? " minute" : " minutes")
                + " and try again.";
    }

    private String form(Response response, int status, String csrf, String email, String error) {
        return pages.render(
                response,
                status,
                "sign-in",
                new Model(
                        Pages.LINKS,
                        csrf,
                        email,
                        error,
                        options.password(),
                        options.provider()
                                .map(SignInOptions.Provider::startPath)
                                .orElse(null)));
    }

    /** The plain error page, for a form that can no longer be re-shown. */
    record ErrorModel(Pages.Links links, String title, String message) {
        static ErrorModel formExpired() {
            return new ErrorModel(
                    Pages.LINKS,
                    "Please try again",
                    "This form has expired or did not come from this site. Go back, reload the page and try again.");
        }
    }
}
