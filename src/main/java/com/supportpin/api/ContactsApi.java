package com.supportpin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportpin.contact.Contacts;
import com.supportpin.contact.Passwords;
import com.supportpin.pin.PinDao;
import com.supportpin.pin.PinPhase;
import com.supportpin.pin.SupportPins;
import com.supportpin.web.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import spark.Request;
import spark.Response;

/** {@code /api/v1/contacts/{externalId}} and its {@code support-pin}, as {@code api/openapi.json} documents them. */
public final class ContactsApi {

    private static final Set<String> FIELDS = Set.of("accountNumber", "name", "email", "phone", "passwordHash");

    private final ContactSync contacts;
    private final SupportPins pins;
    private final Jdbi jdbi;
    private final Clock clock;

    public ContactsApi(ContactSync contacts, SupportPins pins, Jdbi jdbi, Clock clock) {
        this.contacts = contacts;
        this.pins = pins;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * {@code PUT}: 201 created, 200 updated (or linked: a contact without an externalId had the e-mail), 422 with one
     * reason per field, 409 when the e-mail is another's.
     */
    public Object put(Request request, Response response) {
        String externalId = request.params(":externalId");
        if (!Json.isJson(request)) {
            return Json.error(response, 415, "send application/json");
        }
        Optional<JsonNode> body = Json.object(request);
        if (body.isEmpty()) {
            return Json.error(response, 400, "the body must be a JSON object");
        }
        var problems = new LinkedHashMap<String, String>();
        if (!Contacts.isExternalId(externalId)) {
            problems.put("externalId", "externalId must be 1 to 200 letters, digits or ._~:@|+=-");
        }
        body.get().fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                problems.put(field, "is not a field of a contact");
            }
        });
        String accountNumber = text(body.get(), "accountNumber", problems);
        String name = text(body.get(), "name", problems);
        String email = text(body.get(), "email", problems);
        String phone = text(body.get(), "phone", problems);
        String passwordHash = text(body.get(), "passwordHash", problems);
        Contacts.fieldProblems(accountNumber, name, email, phone).forEach(problems::putIfAbsent);
        if (passwordHash != null && !Passwords.isSupportedHash(passwordHash)) {
            problems.putIfAbsent("passwordHash", "passwordHash must be a bcrypt ($2a$, $2b$, $2y$) or Argon2id hash");
        }
        if (!problems.isEmpty()) {
            return Json.write(response, 422, Map.of("error", "invalid fields", "fields", problems));
        }
        var result = contacts.upsert(
                externalId,
                new ContactSync.Described(
                        accountNumber,
                        name.trim(),
                        email.trim(),
                        Optional.ofNullable(phone),
                        Optional.ofNullable(passwordHash)));
        if (result.outcome() == ContactSync.Upsert.EMAIL_TAKEN) {
            return Json.error(response, 409, "the e-mail address belongs to another contact");
        }
        return Json.write(
                response,
                result.outcome() == ContactSync.Upsert.CREATED ? 201 : 200,
                contactJson(externalId, result.contact().orElseThrow()));
    }

    /** {@code DELETE}: 204 disabled (also when it already was), 404 unknown. */
    public Object delete(Request request, Response response) {
        String externalId = request.params(":externalId");
        if (!Contacts.isExternalId(externalId) || !contacts.disable(externalId)) {
            return Json.error(response, 404, "no contact has this externalId");
        }
        response.status(204);
        return "";
    }

    /** {@code POST .../support-pin}: a new PIN under the page's rules (replacing the previous one), 201. */
    public Object issuePin(Request request, Response response) {
        Optional<ContactSyncDao.SyncedContact> contact = known(request);
        if (contact.isEmpty()) {
            return Json.error(response, 404, "no contact has this externalId");
        }
        if (contact.get().disabled()) {
            return Json.error(response, 409, "the contact is disabled");
        }
        SupportPins.IssuedPin issued;
        try {
            issued = pins.issue(
                    contact.get().accountId(),
                    contact.get().accountNumber(),
                    contact.get().id());
        } catch (SupportPins.ContactDisabled disabled) {
            return Json.error(response, 409, "the contact is disabled");
        }
        response.header("Cache-Control", "no-store");
        var body = new LinkedHashMap<String, Object>();
        body.put("pin", issued.pin());
        body.put("expiresAt", iso(issued.expiresAt()));
        return Json.write(response, 201, body);
    }

    /** {@code GET .../support-pin}: the latest PIN's state and its time, never its digits. */
    public Object pinState(Request request, Response response) {
        Optional<ContactSyncDao.SyncedContact> contact = known(request);
        if (contact.isEmpty()) {
            return Json.error(response, 404, "no contact has this externalId");
        }
        Optional<PinDao.PinState> latest = jdbi.withExtension(
                PinDao.class, dao -> dao.latestForContact(contact.get().id()));
        PinPhase.At state = PinPhase.of(latest, clock.instant());
        var body = new LinkedHashMap<String, Object>();
        body.put("state", state.phase().name().toLowerCase(Locale.ROOT));
        state.at().ifPresent(at -> body.put(timeField(state.phase()), iso(at)));
        return Json.write(response, 200, body);
    }

    private Optional<ContactSyncDao.SyncedContact> known(Request request) {
        String externalId = request.params(":externalId");
        return Contacts.isExternalId(externalId) ? contacts.find(externalId) : Optional.empty();
    }

    private static String timeField(PinPhase phase) {
        return switch (phase) {
            case ACTIVE -> "expiresAt";
            case USED -> "usedAt";
            case EXPIRED -> "expiredAt";
            case CANCELLED -> "cancelledAt";
            case NONE -> throw new IllegalArgumentException("no time for " + phase);
        };
    }

    /** A text field, null when absent or JSON null; a value of another type is a problem of that field. */
    private static String text(JsonNode body, String field, Map<String, String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.put(field, field + " must be a string");
            return null;
        }
        return value.asText();
    }

    static Map<String, Object> contactJson(String externalId, ContactSyncDao.SyncedContact contact) {
        var body = new LinkedHashMap<String, Object>();
        body.put("externalId", externalId);
        body.put("accountNumber", contact.accountNumber());
        body.put("name", contact.name());
        body.put("email", contact.email());
        body.put("phone", contact.phone());
        body.put("hasPassword", contact.hasPassword());
        body.put("status", contact.disabled() ? "disabled" : "active");
        return body;
    }

    private static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
