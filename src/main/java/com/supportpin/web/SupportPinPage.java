package com.supportpin.web;

import com.supportpin.contact.ContactDao;
import com.supportpin.contact.Contacts;
import com.supportpin.pin.PinDao;
import com.supportpin.pin.PinPhase;
import com.supportpin.pin.SupportPins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import spark.Request;
import spark.Response;

/** The Support PIN page: who is signed in and their PIN's state; a new PIN is shown once, never in a URL or cache. */
public final class SupportPinPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The state of the contact's latest PIN, as one flag and its time. */
    record PinStatus(boolean none, boolean active, boolean used, boolean expired, boolean cancelled, String at) {}

    /** A PIN just generated, for this response only. */
    record Issued(
            List<String> digits,
            String expiresAt,
            String expiresAtIso,
            String serverNowIso,
            long validMinutes,
            boolean replacedPrevious) {
        @Override
        public String toString() {
            return "Issued[pin=<redacted>, expiresAt=" + expiresAtIso + "]";
        }
    }

    /** What the PIN template shows. */
    record Model(
            Pages.Links links,
            String csrf,
            String contactName,
            String accountNumber,
            PinStatus status,
            Issued issued,
            String error) {
        public String title() {
            return issued == null ? "Support PIN" : "Your new Support PIN";
        }

        public boolean signedIn() {
            return true;
        }
    }

    private final Pages pages;
    private final Sessions sessions;
    private final Contacts contacts;
    private final SupportPins pins;
    private final Jdbi jdbi;
    private final Clock clock;

    public SupportPinPage(Pages pages, Sessions sessions, Contacts contacts, SupportPins pins, Jdbi jdbi, Clock clock) {
        this.pages = pages;
        this.sessions = sessions;
        this.contacts = contacts;
        this.pins = pins;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Object show(Request request, Response response) {
        Optional<Sessions.Session> session = sessions.current(request);
        Optional<ContactDao.Contact> contact = session.flatMap(s -> contacts.find(s.contactId()));
        if (contact.isEmpty()) {
            return Pages.redirect(response, WebPaths.LOGIN);
        }
        return page(response, 200, session.get(), contact.get(), null, null);
    }

    public Object generate(Request request, Response response) {
        Optional<Sessions.Session> session = sessions.current(request);
        Optional<ContactDao.Contact> contact = session.flatMap(s -> contacts.find(s.contactId()));
        if (contact.isEmpty()) {
            return Pages.redirect(response, WebPaths.LOGIN);
        }
        Optional<Form> form = Form.of(request);
        if (form.isEmpty() || !Sessions.csrfMatches(session.get(), form.get().field(LoginCsrf.FIELD))) {
            return page(
                    response,
                    403,
                    session.get(),
                    contact.get(),
                    null,
                    "This form has expired or did not come from this site. No PIN was generated; please try again.");
        }
        Instant now = clock.instant();
        boolean replacing =
                latest(contact.get()).filter(pin -> PinPhase.isLive(pin, now)).isPresent();
        SupportPins.IssuedPin issued;
        try {
            issued = pins.issue(
                    contact.get().accountId(),
                    contact.get().accountNumber(),
                    contact.get().id());
        } catch (SupportPins.ContactDisabled disabledMeanwhile) {
            // The account center disabled the contact after this request found its session: signed out.
            sessions.end(request, response);
            return Pages.redirect(response, WebPaths.LOGIN);
        }
        var shown = new Issued(
                issued.pin().chars().mapToObj(Character::toString).toList(),
                TIME.format(issued.expiresAt()),
                iso(issued.expiresAt()),
                iso(now),
                Duration.between(now, issued.expiresAt()).toMinutes(),
                replacing);
        return page(response, 200, session.get(), contact.get(), shown, null);
    }

    /** The page for the session's contact: a PIN just issued ({@code shown}), or else their latest PIN's state. */
    private Object page(
            Response response,
            int httpStatus,
            Sessions.Session session,
            ContactDao.Contact contact,
            Issued shown,
            String error) {
        return pages.render(
                response,
                httpStatus,
                "support-pin",
                new Model(
                        Pages.LINKS,
                        session.csrfToken(),
                        contact.name(),
                        contact.accountNumber(),
                        shown == null ? status(contact) : null,
                        shown,
                        error));
    }

    private Optional<PinDao.PinState> latest(ContactDao.Contact contact) {
        return jdbi.withExtension(PinDao.class, dao -> dao.latestForContact(contact.id()));
    }

    private PinStatus status(ContactDao.Contact contact) {
        Instant now = clock.instant();
        PinPhase.At latest = PinPhase.of(latest(contact), now);
        String at = latest.at().map(time -> when(time, now)).orElse(null);
        PinPhase phase = latest.phase();
        return new PinStatus(
                phase == PinPhase.NONE,
                phase == PinPhase.ACTIVE,
                phase == PinPhase.USED,
                phase == PinPhase.EXPIRED,
                phase == PinPhase.CANCELLED,
                at);
    }

    /** Whole seconds, which every browser's Date.parse reads. */
    private static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** "14:05 UTC" today, "25 Nov 14:05 UTC" on another day. */
    static String when(Instant at, Instant now) {
        boolean sameDay = at.atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .equals(now.atOffset(ZoneOffset.UTC).toLocalDate());
        return (sameDay ? TIME : DATE_TIME).format(at);
    }
}
