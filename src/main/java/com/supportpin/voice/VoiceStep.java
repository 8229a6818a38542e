package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;

/** One step of the call flow: from a signed webhook (and what the store says) to the TwiML the caller hears. */
public interface VoiceStep {

    /** The TwiML to answer and a short outcome word for the log line and metrics. */
    record StepResult(String twiml, String outcome) {
        public static StepResult of(VoiceResponse response, String outcome) {
            return new StepResult(TwimlWriter.xml(response), outcome);
        }
    }

    /** The step's name in logs and metrics. */
    String name();

    StepResult handle(TwilioRequest request);

    /** What the caller hears when {@link #handle} fails (the database is down, say): never a 500. */
    VoiceResponse onError(TwilioRequest request);
}
