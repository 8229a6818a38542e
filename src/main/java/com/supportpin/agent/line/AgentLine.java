package com.supportpin.agent.line;

import com.supportpin.voice.Prompts;
import com.supportpin.voice.QueueDao;
import com.supportpin.voice.QueueRouting;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Queue;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The documents of the agent line: the sign-in questions, and the choice of the next caller. */
final class AgentLine {

    /** Seconds of silence before a sign-in Gather gives up (also between digits). */
    static final int KEY_TIMEOUT_S = 8;
    /** Seconds an idle agent waits before the queues are checked again. */
    static final int IDLE_PAUSE_S = 10;
    /** Seconds the offer of the next caller waits for a key. */
    static final int NEXT_OFFER_TIMEOUT_S = 10;
    /** Wrong sign-ins one call may make before it ends. */
    static final int MAX_TRIES_PER_CALL = 3;
    /** Silent answers one call may give before it ends. */
    static final int MAX_REPROMPTS = 3;

    private final Prompts prompts;
    private final Clock clock;

    AgentLine(Prompts prompts, Clock clock) {
        this.prompts = prompts;
        this.clock = clock;
    }

    Prompts prompts() {
        return prompts;
    }

    VoiceResponse askCode(Say... leadIn) {
        return ask(AgentLinePaths.VOICE_AGENT_CODE, "agent.code.prompt", leadIn);
    }

    VoiceResponse askPasscode(Say... leadIn) {
        return ask(AgentLinePaths.VOICE_AGENT_PASSCODE, "agent.passcode.prompt", leadIn);
    }

    private VoiceResponse ask(String action, String promptKey, Say... leadIn) {
        var gather = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .action(action)
                .method(HttpMethod.POST)
                .finishOnKey("#")
                .timeout(KEY_TIMEOUT_S);
        for (Say say : leadIn) {
            gather.say(say);
        }
        gather.say(prompts.say(promptKey));
        return new VoiceResponse.Builder()
                .gather(gather.build())
                // No input: the same step counts the silence.
                .redirect(new Redirect.Builder(action).method(HttpMethod.POST).build())
                .build();
    }

    /** Says each prompt, then hangs up. */
    VoiceResponse goodbye(String... promptKeys) {
        var response = new VoiceResponse.Builder();
        for (String key : promptKeys) {
            response.say(prompts.say(key));
        }
        return response.hangup(new Hangup.Builder().build()).build();
    }

    /** After a bridged call: press 1 for the next caller; silence ends the agent's call. */
    VoiceResponse offerNext() {
        return new VoiceResponse.Builder()
                .gather(new Gather.Builder()
                        .inputs(Gather.Input.DTMF)
                        .numDigits(1)
                        .timeout(NEXT_OFFER_TIMEOUT_S)
                        .action(AgentLinePaths.VOICE_AGENT_NEXT)
                        .method(HttpMethod.POST)
                        .say(prompts.say("agent.call_ended"))
                        .build())
                .say(prompts.say("agent.goodbye"))
                .hangup(new Hangup.Builder().build())
                .build();
    }

    /**
     * Connects a signed-in agent to the next caller: a verified one first, by the app's own queue
     * records; with nobody waiting, says so once, pauses and checks again, without ending the call.
     */
    AgentCallTransaction.Decided next(Handle handle, AgentCallDao.AgentCall call, Say... leadIn) {
        Instant now = clock.instant();
        QueueDao queues = handle.attach(QueueDao.class);
        Instant freshSince = now.minus(QueueRouting.WAITING_FRESHNESS);
        var response = new VoiceResponse.Builder();
        for (Say say : leadIn) {
            response.say(say);
        }
        Optional<String> waiting = queues.firstWaiting(QueueRouting.VERIFIED_QUEUE, QueueRouting.UNVERIFIED_QUEUE,
                freshSince);
        if (waiting.filter(QueueRouting.VERIFIED_QUEUE::equals).isPresent()) {
            response.say(prompts.say("agent.next.verified")).dial(dialQueue(QueueRouting.VERIFIED_QUEUE));
            return new AgentCallTransaction.Decided(call.idleFrom(null), response.build(), AgentOutcome.DIAL_VERIFIED);
        }
        if (waiting.isPresent()) {
            response.say(prompts.say("agent.next.unverified")).dial(dialQueue(QueueRouting.UNVERIFIED_QUEUE));
            return new AgentCallTransaction.Decided(call.idleFrom(null), response.build(),
                    AgentOutcome.DIAL_UNVERIFIED);
        }
        boolean firstIdle = call.idleSince() == null;
        if (firstIdle) {
            response.say(prompts.say("agent.idle"));
        }
        response.pause(new Pause.Builder().length(IDLE_PAUSE_S).build())
                .redirect(new Redirect.Builder(AgentLinePaths.VOICE_AGENT_NEXT).method(HttpMethod.POST).build());
        return new AgentCallTransaction.Decided(firstIdle ? call.idleFrom(now) : call, response.build(),
                firstIdle ? AgentOutcome.IDLE : AgentOutcome.STILL_IDLE);
    }

    private static Dial dialQueue(String queue) {
        return new Dial.Builder()
                .action(AgentLinePaths.VOICE_AGENT_DIAL_END)
                .method(HttpMethod.POST)
                .queue(new Queue.Builder(queue).url(AgentLinePaths.VOICE_QUEUE_CONNECT).method(HttpMethod.POST).build())
                .build();
    }
}
