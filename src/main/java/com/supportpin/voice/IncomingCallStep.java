package com.supportpin.voice;

import com.twilio.twiml.VoiceResponse;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** A call comes in: open its record, greet, and ask for the account number. */
public final class IncomingCallStep implements VoiceStep {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Prompting prompting;
    private final QueueRouting routing;

    public IncomingCallStep(Jdbi jdbi, Clock clock, Prompting prompting, QueueRouting routing) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.prompting = prompting;
        this.routing = routing;
    }

    @Override
    public String name() {
        return "incoming";
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        jdbi.useExtension(CallDao.Opening.class,
                calls -> calls.open(request.callSid(), request.from(), clock.instant()));
        return StepResult.of(prompting.askAccount(prompting.prompts().say("greeting")), CallOutcome.GREETED);
    }

    @Override
    public VoiceResponse onError(TwilioRequest request) {
        return routing.unverified(UnverifiedReason.UNAVAILABLE, request.callSid());
    }

    @Override
    public Optional<UnverifiedReason> unverifiedOnError() {
        return Optional.of(UnverifiedReason.UNAVAILABLE);
    }
}
