package com.supportpin.callback;

import java.util.Locale;

/** The audit trail of a callback ({@code callback_event}): every change, with the agent who made it. */
public enum CallbackEvent {
    /** The caller asked for a callback. */
    REQUESTED,
    /** A second request from the same number updated the open callback. */
    UPDATED,
    OFFERED,
    /** The agent pressed 2: left for the next agent or a later try. */
    SKIPPED,
    /** The agent pressed nothing: the offer was withdrawn. */
    OFFER_WITHDRAWN,
    /** Nobody answered the offer before it expired (the agent call's webhooks were lost). */
    OFFER_EXPIRED,
    PLACED,
    REACHED,
    /** An attempt ended without reaching the customer; another one follows after CALLBACK_RETRY_AFTER. */
    NOT_REACHED,
    /** The last attempt ended without reaching the customer: closed as unreached. */
    CLOSED_UNREACHED,
    /** An attempt's result never came: counted as not reached when it expired. */
    ATTEMPT_EXPIRED,
    HANDLED,
    CANCELLED;

    /** The word stored in {@code callback_event.event}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
