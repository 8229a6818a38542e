package com.supportpin.contact;

/** What an operator or the API asked to store was refused; the message says why, fit to show them. */
public final class Refused extends RuntimeException {
    public Refused(String reason) {
        super(reason);
    }
}
