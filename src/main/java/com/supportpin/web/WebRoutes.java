package com.supportpin.web;

import static com.supportpin.web.WebPaths.API_SESSION;
import static com.supportpin.web.WebPaths.API_SUPPORT_PIN;
import static com.supportpin.web.WebPaths.LOGIN;
import static com.supportpin.web.WebPaths.LOGOUT;
import static com.supportpin.web.WebPaths.ROOT;
import static com.supportpin.web.WebPaths.STYLESHEET;
import static com.supportpin.web.WebPaths.SUPPORT_PIN;
import static com.supportpin.web.WebPaths.SUPPORT_PIN_SCRIPT;

import java.util.List;
import java.util.Map;
import spark.Service;

/** The customer web: sign-in, the Support PIN page, their JSON API and static files. */
public final class WebRoutes {

    /** The pages a redirect may point at: only these, never a path taken from a request. */
    public static final List<String> PAGE_PATHS = List.of(ROOT, LOGIN, SUPPORT_PIN);

    /** POST routes that check a password; their answers are counted as sign-in attempts in the metrics. */
    public static final List<String> SIGN_IN_PATHS = List.of(LOGIN, API_SESSION);

    private final SignInPage signIn;
    private final SupportPinPage supportPin;
    private final PinApi pinApi;
    private final StaticAssets assets =
            new StaticAssets(Map.of(STYLESHEET, "app.css", SUPPORT_PIN_SCRIPT, "support-pin.js"));

    public WebRoutes(SignInPage signIn, SupportPinPage supportPin, PinApi pinApi) {
        this.signIn = signIn;
        this.supportPin = supportPin;
        this.pinApi = pinApi;
    }

    public void mount(Service http) {
        http.get(ROOT, signIn::root);
        http.get(LOGIN, signIn::show);
        http.post(LOGIN, signIn::submit);
        http.post(LOGOUT, signIn::signOut);
        http.get(SUPPORT_PIN, supportPin::show);
        http.post(SUPPORT_PIN, supportPin::generate);
        http.get(STYLESHEET, assets::serve);
        http.get(SUPPORT_PIN_SCRIPT, assets::serve);

        http.post(API_SESSION, pinApi::signIn);
        http.delete(API_SESSION, pinApi::signOut);
        http.post(API_SUPPORT_PIN, pinApi::generatePin);
    }
}
