package com.supportpin.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** One phone call of the simulation: the caller's, the agent's, or a customer's phone an agent dials. */
final class Leg {

    private static final SecureRandom random = new SecureRandom();

    private final CallSimulator.Line line;
    private final String callSid;
    private final String accountSid;
    private final String from;
    private final String to;
    /** For a call an agent's Dial placed: the agent's call. */
    private final String parentCallSid;

    private final long startedNanos = System.nanoTime();
    private boolean answered;
    private int quietDocuments;
    private boolean finished;

    Leg(CallSimulator.Line line, String accountSid, String from, String to) {
        this(line, accountSid, from, to, null);
    }

    private Leg(CallSimulator.Line line, String accountSid, String from, String to, String parentCallSid) {
        this.line = line;
        this.callSid = newSid("CA");
        this.accountSid = accountSid;
        this.from = from;
        this.to = to;
        this.parentCallSid = parentCallSid;
    }

    /** The phone this call's Dial rings ({@code <Number>}): a child call, with no status callback of its own. */
    Leg dials(String callerId, String number) {
        return new Leg(null, accountSid, callerId, number, callSid);
    }

    /** A Twilio-style id: a two-letter prefix and 32 hex digits. */
    static String newSid(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    CallSimulator.Line line() {
        return line;
    }

    /** "caller" or "agent", as the transcript labels this leg. */
    String who() {
        return line == null ? CallSimulator.CUSTOMER : line.who();
    }

    String callSid() {
        return callSid;
    }

    String from() {
        return from;
    }

    /** Twilio's standard parameters of every voice webhook of this call. */
    Map<String, String> standardParams() {
        var params = new LinkedHashMap<String, String>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", answered ? "in-progress" : "ringing");
        params.put("Called", to);
        params.put("Caller", from);
        params.put("Direction", parentCallSid == null ? "inbound" : "outbound-dial");
        params.put("From", from);
        params.put("To", to);
        if (parentCallSid != null) {
            params.put("ParentCallSid", parentCallSid);
        }
        return params;
    }

    /** Marks that the app answered with TwiML: later webhooks say in-progress. */
    void answered() {
        answered = true;
    }

    /** Counts a document fetched since the party was last prompted for keys. */
    void quiet() {
        quietDocuments++;
    }

    void prompted() {
        quietDocuments = 0;
    }

    int quietDocuments() {
        return quietDocuments;
    }

    long seconds() {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    /** True the first time only: a leg ends (and reports its status) once. */
    boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }
}
