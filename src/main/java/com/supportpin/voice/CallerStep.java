package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Optional;

/** A step that asks the caller who they are: when it fails, the caller waits unverified, as unavailable. */
abstract class CallerStep extends NamedStep {

    final Prompting prompting;
    final QueueRouting routing;
    final Clock clock;

    CallerStep(String name, Prompting prompting, QueueRouting routing, Clock clock) {
        super(name);
        this.prompting = prompting;
        this.routing = routing;
        this.clock = clock;
    }

    @Override
    public final VoiceResponse onError(TwilioRequest request) {
        return routing.unverified(UnverifiedReason.UNAVAILABLE, request.callSid());
    }

    @Override
    public final Optional<UnverifiedReason> unverifiedOnError() {
        return Optional.of(UnverifiedReason.UNAVAILABLE);
    }
}
