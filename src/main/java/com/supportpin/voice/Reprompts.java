package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;

/** The shared re-prompt limit: silent or malformed answers are asked again, a few times, then routed unverified. */
final class Reprompts {

    /** Silent or malformed answers one call may give before it goes to the unverified queue. */
    static final int MAX_REPROMPTS = 3;

    private Reprompts() {}

    static CallTransaction.Decided askAgainOrRoute(
            CallDao.CallState call, VoiceResponse askAgain, CallOutcome outcome, QueueRouting routing) {
        CallDao.CallState next = call.withReprompt();
        if (next.reprompts() > MAX_REPROMPTS) {
            return CallTransaction.Decided.unverified(next, outcome.outOfReprompts(), routing);
        }
        return new CallTransaction.Decided(next, askAgain, outcome);
    }
}
