package com.supportpin.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supportpin.contact.ContactDao;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Puts a caller in the agent queue ({@value #VERIFIED_QUEUE} only when verified), or makes a TaskRouter Task. */
public final class QueueRouting {

    public static final String VERIFIED_QUEUE = "support";
    public static final String UNVERIFIED_QUEUE = "support-unverified";
    /** A waiting record no webhook refreshed for this long is ignored: only a caller whose webhooks were lost looks so stale. */
    public static final Duration WAITING_FRESHNESS = Duration.ofMinutes(15);

    /** What the queue (or the TaskRouter workflow) knows of a caller. */
    public record QueuedCaller(
            String callSid,
            boolean verified,
            String accountNumber,
            String contactName,
            Long contactId,
            Instant verifiedAt) {

        public static QueuedCaller unverified(String callSid) {
            return new QueuedCaller(callSid, false, null, null, null, null);
        }

        /** Describes a call from its record; a verified one with its contact's name and account. */
        public static QueuedCaller of(Handle handle, CallDao.CallState call) {
            if (!call.verified() || call.contactId() == null) {
                return unverified(call.callSid());
            }
            Optional<ContactDao.Contact> contact =
                    handle.attach(ContactDao.class).findById(call.contactId());
            return new QueuedCaller(
                    call.callSid(),
                    true,
                    contact.map(ContactDao.Contact::accountNumber).orElse(call.accountEntered()),
                    contact.map(ContactDao.Contact::name).orElse(null),
                    call.contactId(),
                    call.verifiedAt());
        }
    }

    private static final ObjectMapper json = new ObjectMapper();

    private final Prompts prompts;
    private final Optional<String> workflowSid;
    /** The text of {@link #verifiedForAnyCaller()}, rendered once. */
    private final Optional<String> verifiedForAnyCaller;

    public QueueRouting(Prompts prompts) {
        this(prompts, Optional.empty());
    }

    public QueueRouting(Prompts prompts, Optional<String> workflowSid) {
        this.prompts = prompts;
        this.workflowSid = workflowSid;
        this.verifiedForAnyCaller = workflowSid.isPresent()
                ? Optional.empty()
                : Optional.of(TwimlWriter.xml(verified(new QueuedCaller(null, true, null, null, null, null))));
    }

    /** True with named queues; false in TaskRouter mode, where callers become Tasks. */
    public boolean namedQueues() {
        return workflowSid.isEmpty();
    }

    public VoiceResponse verified(QueuedCaller caller) {
        return new VoiceResponse.Builder()
                .say(prompts.say("verified"))
                .enqueue(enqueue(VERIFIED_QUEUE, caller))
                .build();
    }

    /** The verified answer's text when it does not depend on the caller (without TaskRouter); empty otherwise. */
    public Optional<String> verifiedForAnyCaller() {
        return verifiedForAnyCaller;
    }

    public VoiceResponse unverified(UnverifiedReason reason, String callSid) {
        return new VoiceResponse.Builder()
                .say(prompts.say(reason.promptKey()))
                .enqueue(enqueue(UNVERIFIED_QUEUE, QueuedCaller.unverified(callSid)))
                .build();
    }

    /** The TwiML a routed call gets again (a retried webhook): the same queue, the same Task. */
    public VoiceResponse again(QueuedCaller caller) {
        return caller.verified() ? verified(caller) : unverified(UnverifiedReason.FAILED, caller.callSid());
    }

    /** Describes a call for its Enqueue; the contact is read only for a TaskRouter Task, which carries it. */
    public QueuedCaller caller(Handle handle, CallDao.CallState call) {
        if (workflowSid.isPresent()) {
            return QueuedCaller.of(handle, call);
        }
        return call.verified() && call.contactId() != null
                ? new QueuedCaller(
                        call.callSid(), true, call.accountEntered(), null, call.contactId(), call.verifiedAt())
                : QueuedCaller.unverified(call.callSid());
    }

    private Enqueue enqueue(String queue, QueuedCaller caller) {
        var enqueue = workflowSid.isPresent()
                ? new Enqueue.Builder().workflowSid(workflowSid.get()).task(new Task.Builder(taskJson(caller)).build())
                : new Enqueue.Builder(queue);
        return enqueue.action(VoicePaths.VOICE_QUEUE_EXIT)
                .method(HttpMethod.POST)
                .waitUrl(VoicePaths.VOICE_HOLD)
                .waitUrlMethod(HttpMethod.POST)
                .build();
    }

    static String taskJson(QueuedCaller caller) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("verified", caller.verified());
        attributes.put("accountNumber", caller.accountNumber());
        attributes.put("contactName", caller.contactName());
        attributes.put("contactId", caller.contactId());
        attributes.put("callSid", caller.callSid());
        attributes.put(
                "verifiedAt",
                caller.verifiedAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(caller.verifiedAt()));
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Task attributes", e);
        }
    }
}
