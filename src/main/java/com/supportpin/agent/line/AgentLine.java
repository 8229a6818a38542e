package com.supportpin.agent.line;

import com.supportpin.agent.AgentDao;
import com.supportpin.callback.CallbackDao;
import com.supportpin.callback.Callbacks;
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
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
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
    /** Seconds of pause after a Dial that connected nobody, before anyone else is dialled. */
    static final int RECHECK_PAUSE_S = 2;
    /** Who is first in line: the verified tier, then whoever joined the queue first. */
    private static final Comparator<QueueDao.Head> IN_LINE = Comparator.comparing(
                    (QueueDao.Head head) -> !QueueRouting.VERIFIED_QUEUE.equals(head.queue()))
            .thenComparing(QueueDao.Head::since);

    private final Prompts prompts;
    private final Clock clock;
    private final Callbacks callbacks;

    AgentLine(Prompts prompts, Clock clock, Callbacks callbacks) {
        this.prompts = prompts;
        this.clock = clock;
        this.callbacks = callbacks;
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
                .redirect(post(action))
                .build();
    }

    /** Welcomes a caller who has not signed in yet and asks for the agent code. */
    AgentCallTransaction.Decided welcome(AgentCallDao.AgentCall call, AgentOutcome outcome) {
        return new AgentCallTransaction.Decided(call, askCode(prompts.say("agent.welcome")), outcome);
    }

    /** Silence at a sign-in question: asked again with {@code ask}, or the call ends past the re-prompt limit. */
    AgentCallTransaction.Decided silence(AgentCallDao.AgentCall call, Function<Say, VoiceResponse> ask) {
        AgentCallDao.AgentCall next = call.withReprompt();
        if (next.reprompts() > MAX_REPROMPTS) {
            return new AgentCallTransaction.Decided(next, goodbye("agent.goodbye"), AgentOutcome.SILENCE_ENDED);
        }
        return new AgentCallTransaction.Decided(next, ask.apply(prompts.say("agent.silence")), AgentOutcome.SILENCE);
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

    /** The sign-in question or goodbye when the call is not signed in or its agent was disabled; empty when it may go on. */
    Optional<AgentCallTransaction.Decided> refusal(Handle handle, AgentCallDao.AgentCall call) {
        if (!call.signedIn()) {
            return Optional.of(welcome(call, AgentOutcome.NOT_SIGNED_IN));
        }
        boolean enabled = handle.attach(AgentDao.class)
                .findById(call.agentId())
                .filter(AgentDao.Agent::enabled)
                .isPresent();
        return enabled
                ? Optional.empty()
                : Optional.of(new AgentCallTransaction.Decided(call, goodbye("agent.disabled"), AgentOutcome.DISABLED));
    }

    /** Connects a signed-in agent to the next caller or due callback, verified tier first; with nobody waiting, pauses and checks again. */
    AgentCallTransaction.Decided next(Handle handle, AgentCallDao.AgentCall call, Say... leadIn) {
        return next(handle, call, 0, leadIn);
    }

    /** {@link #next(Handle, AgentCallDao.AgentCall, Say...)} after an empty Dial, with a short pause first: never two Dials in a row. */
    AgentCallTransaction.Decided nextAfterUnansweredDial(Handle handle, AgentCallDao.AgentCall call, Say... leadIn) {
        return next(handle, call, RECHECK_PAUSE_S, leadIn);
    }

    private AgentCallTransaction.Decided next(
            Handle handle, AgentCallDao.AgentCall call, int pauseFirst, Say... leadIn) {
        Instant now = clock.instant();
        var response = new VoiceResponse.Builder();
        for (Say say : leadIn) {
            response.say(say);
        }
        if (pauseFirst > 0) {
            response.pause(new Pause.Builder().length(pauseFirst).build());
        }
        AgentCallDao.AgentCall ready = call.idleFrom(null).dialling(null, null);
        callbacks.expire(handle, now);
        Instant freshSince = now.minus(QueueRouting.WAITING_FRESHNESS);
        Optional<QueueDao.Head> live = handle
                .attach(QueueDao.class)
                .heads(QueueRouting.VERIFIED_QUEUE, QueueRouting.UNVERIFIED_QUEUE, freshSince)
                .stream()
                .min(IN_LINE);
        Optional<CallbackDao.Due> due = callbacks.nextDue(handle, call.callSid(), QueueRouting.VERIFIED_QUEUE, now);
        if (due.isPresent()
                && (live.isEmpty()
                        || IN_LINE.compare(
                                        new QueueDao.Head(
                                                due.get().queue(), due.get().queuedSince()),
                                        live.get())
                                < 0)
                && callbacks.offer(handle, due.get().id(), call.callSid(), call.agentId(), now)) {
            boolean verified = QueueRouting.VERIFIED_QUEUE.equals(due.get().queue());
            response.gather(callbackOffer(verified)).redirect(post(AgentLinePaths.VOICE_AGENT_CALLBACK));
            return new AgentCallTransaction.Decided(
                    ready,
                    response.build(),
                    verified ? AgentOutcome.OFFER_CALLBACK_VERIFIED : AgentOutcome.OFFER_CALLBACK_UNVERIFIED);
        }
        if (live.isPresent()) {
            String queue = live.get().queue();
            boolean verified = QueueRouting.VERIFIED_QUEUE.equals(queue);
            response.say(prompts.say(verified ? "agent.next.verified" : "agent.next.unverified"))
                    .dial(dialQueue(queue));
            return new AgentCallTransaction.Decided(
                    ready.dialling(queue, now),
                    response.build(),
                    verified ? AgentOutcome.DIAL_VERIFIED : AgentOutcome.DIAL_UNVERIFIED);
        }
        boolean firstIdle = call.idleSince() == null;
        if (firstIdle) {
            response.say(prompts.say("agent.idle"));
        }
        response.pause(new Pause.Builder().length(IDLE_PAUSE_S).build())
                .redirect(post(AgentLinePaths.VOICE_AGENT_NEXT));
        return new AgentCallTransaction.Decided(
                firstIdle ? ready.idleFrom(now) : ready.idleFrom(call.idleSince()),
                response.build(),
                firstIdle ? AgentOutcome.IDLE : AgentOutcome.STILL_IDLE);
    }

    /** "Returning a callback to a verified caller. Press 1 to call now, or 2 to skip." */
    Gather callbackOffer(boolean verified) {
        return new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .numDigits(1)
                .timeout(NEXT_OFFER_TIMEOUT_S)
                .action(AgentLinePaths.VOICE_AGENT_CALLBACK)
                .method(HttpMethod.POST)
                .say(prompts.say(verified ? "agent.callback.verified" : "agent.callback.unverified"))
                .say(prompts.say("agent.callback.choose"))
                .build();
    }

    /** Says the prompts, pauses a while, then checks for the next caller again. */
    VoiceResponse pauseThenNext(String... promptKeys) {
        var response = new VoiceResponse.Builder();
        for (String key : promptKeys) {
            response.say(prompts.say(key));
        }
        return response.pause(new Pause.Builder().length(IDLE_PAUSE_S).build())
                .redirect(post(AgentLinePaths.VOICE_AGENT_NEXT))
                .build();
    }

    static Redirect post(String path) {
        return new Redirect.Builder(path).method(HttpMethod.POST).build();
    }

    private static Dial dialQueue(String queue) {
        return new Dial.Builder()
                .action(AgentLinePaths.VOICE_AGENT_DIAL_END)
                .method(HttpMethod.POST)
                .queue(new Queue.Builder(queue)
                        .url(AgentLinePaths.VOICE_QUEUE_CONNECT)
                        .method(HttpMethod.POST)
                        .build())
                .build();
    }
}
