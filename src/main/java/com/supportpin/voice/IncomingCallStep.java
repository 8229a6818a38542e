package com.supportpin.voice;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** A call comes in: open its record, greet, and ask for the account number. */
public final class IncomingCallStep extends CallerStep {

    private final Jdbi jdbi;

    public IncomingCallStep(Jdbi jdbi, Clock clock, Prompting prompting, QueueRouting routing) {
        super("incoming", prompting, routing, clock);
        this.jdbi = jdbi;
    }

    @Override
    public StepResult handle(TwilioRequest request) {
        jdbi.useExtension(
                CallDao.Opening.class, calls -> calls.open(request.callSid(), request.from(), clock.instant()));
        return StepResult.of(prompting.askAccount(prompting.prompts().say("greeting")), CallOutcome.GREETED);
    }
}
