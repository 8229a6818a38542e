package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.util.Optional;

/** One step of the call flow: from a signed webhook (and what the store says) to the TwiML the caller hears. */
public interface VoiceStep {

    /** The TwiML to answer and what it meant, for the log line and metrics. */
    record StepResult(String twiml, Outcome outcome) {
        public static StepResult of(VoiceResponse response, Outcome outcome) {
            return new StepResult(TwimlWriter.xml(response), outcome);
        }
    }

    /** The step's name in logs and metrics. */
    String name();

    StepResult handle(TwilioRequest request);

    /** What the caller hears when {@link #handle} fails (the database is down, say): never a 500. */
    VoiceResponse onError(TwilioRequest request);

    /** Why {@link #onError}'s answer sends the caller to the unverified queue, when it does. */
    default Optional<UnverifiedReason> unverifiedOnError() {
        return Optional.empty();
    }
}
