package com.supportpin.web;

import com.supportpin.contact.ContactDao;
import com.supportpin.contact.Contacts;
import com.supportpin.pin.SupportPins;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import spark.Request;
import spark.Response;

/** JSON for programs: {@code POST /api/session} and {@code POST /api/support-pin}; application/json only. */
public final class PinApi {

    private final Contacts contacts;
    private final Sessions sessions;
    private final SupportPins pins;
    private final SignInThrottle throttle;
    private final boolean passwordSignIn;

    public PinApi(Contacts contacts, Sessions sessions, SupportPins pins, SignInThrottle throttle) {
        this(contacts, sessions, pins, throttle, true);
    }

    /** With {@code passwordSignIn} false (PASSWORD_SIGN_IN=false) only the account center signs contacts in. */
    public PinApi(
            Contacts contacts, Sessions sessions, SupportPins pins, SignInThrottle throttle, boolean passwordSignIn) {
        this.contacts = contacts;
        this.sessions = sessions;
        this.pins = pins;
        this.throttle = throttle;
        this.passwordSignIn = passwordSignIn;
    }

    public Object signIn(Request request, Response response) {
        if (!passwordSignIn) {
            return Json.error(response, 403, "password sign-in is switched off; sign in with the account center");
        }
        var signIn = JsonSignIn.attempt(request, response, throttle, "", contacts::signIn);
        if (signIn.signedIn().isEmpty()) {
            return signIn.refusal();
        }
        ContactDao.Contact contact = signIn.signedIn().get();
        sessions.start(request, response, contact);
        return Json.write(response, 200, contactJson(contact));
    }

    public Object signOut(Request request, Response response) {
        sessions.end(request, response);
        response.status(204);
        return "";
    }

    public Object generatePin(Request request, Response response) {
        Optional<Sessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return Json.error(response, 401, "sign in first");
        }
        // Only application/json, even with an empty body: a cross-site HTML form cannot send that type.
        if (!Json.isJson(request)) {
            return Json.error(response, 415, "send application/json");
        }
        SupportPins.IssuedPin issued;
        try {
            issued = pins.issue(
                    session.get().accountId(),
                    session.get().accountNumber(),
                    session.get().contactId());
        } catch (SupportPins.ContactDisabled disabledMeanwhile) {
            // The account center disabled the contact after this request found its session: signed out.
            sessions.end(request, response);
            return Json.error(response, 401, "sign in first");
        }
        response.header("Cache-Control", "no-store");
        var body = new LinkedHashMap<String, Object>();
        body.put("pin", issued.pin());
        body.put(
                "expiresAt",
                DateTimeFormatter.ISO_INSTANT.format(issued.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
        return Json.write(response, 201, body);
    }

    private static Map<String, Object> contactJson(ContactDao.Contact contact) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", contact.name());
        body.put("accountNumber", contact.accountNumber());
        return body;
    }
}
