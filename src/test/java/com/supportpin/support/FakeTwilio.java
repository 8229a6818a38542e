package com.supportpin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.voice.VoicePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Plays Twilio's part in tests: signed form POSTs with Twilio's standard parameters. */
public final class FakeTwilio {

    /** The QueueSid of Twilio's queue in every test. */
    public static final String QUEUE_SID = "QU0123456789abcdef0123456789abcdef";

    private static final SecureRandom random = new SecureRandom();
    private static final Pattern PIN_GATHER =
            Pattern.compile("<Gather[^>]* action=\"(" + VoicePaths.VOICE_PIN + "[^\"]*)\"");

    private final Supplier<String> localBase;
    private final TwilioSigner signer;
    private final String publicBase;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Posts to {@code server}, which may start later (a per-class server starts before the first test). */
    public FakeTwilio(TestServer server) {
        this(() -> "http://localhost:" + server.port(), TestServer.PUBLIC_BASE_URL, TestServer.AUTH_TOKEN);
    }

    public FakeTwilio(String localBase, String publicBase, String authToken) {
        this(() -> localBase, publicBase, authToken);
    }

    private FakeTwilio(Supplier<String> localBase, String publicBase, String authToken) {
        this.localBase = localBase;
        this.publicBase = publicBase;
        this.signer = new TwilioSigner(authToken);
    }

    /** The answer to one webhook. */
    public record Reply(int status, String body, String contentType) {}

    public static String newCallSid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "CA" + HexFormat.of().formatHex(bytes);
    }

    /** A call from a number with a given CallSid, for documents that must come out the same every run. */
    public Call call(String from, String callSid) {
        return new Call(callSid, from);
    }

    /** A call to the agent line from a number, with a fresh CallSid. */
    public AgentCall agentCall(String from) {
        return new AgentCall(new Call(newCallSid(), from));
    }

    /** An agent's call to the agent line. */
    public static final class AgentCall {
        private final Call leg;

        AgentCall(Call leg) {
            this.leg = leg;
        }

        public String callSid() {
            return leg.callSid();
        }

        public Reply incoming() {
            return leg.post(AgentLinePaths.VOICE_AGENT);
        }

        public Reply code(String digits) {
            return leg.post(AgentLinePaths.VOICE_AGENT_CODE, Map.of("Digits", digits));
        }

        public Reply passcode(String digits) {
            return leg.post(AgentLinePaths.VOICE_AGENT_PASSCODE, Map.of("Digits", digits));
        }

        /** Calls in, keys the code and the passcode; returns the answer to the passcode. */
        public Reply signIn(String code, String passcode) {
            incoming();
            code(code);
            return passcode(passcode);
        }

        public Reply next() {
            return leg.post(AgentLinePaths.VOICE_AGENT_NEXT);
        }

        public Reply dialEnded(String dialCallStatus) {
            return leg.post(AgentLinePaths.VOICE_AGENT_DIAL_END, Map.of("DialCallStatus", dialCallStatus));
        }

        public Reply post(String path, Map<String, String> extra) {
            return leg.post(path, extra);
        }
    }

    /** A call from a number, with a fresh CallSid. */
    /** A caller from {@code from} who keys the account and a fresh PIN of a new contact: waiting verified. */
    public Call verifiedCaller(TestServer server, String account, String from) {
        return verifiedCaller(server, account, "Vera Verified", from);
    }

    /** {@link #verifiedCaller(TestServer, String, String)} for a contact of this name. */
    public Call verifiedCaller(TestServer server, String account, String name, String from) {
        long contact = server.addContact(account, name, "vera" + account + "@example.com", "correct horse 1");
        String pin = server.generatePin(contact);
        var caller = call(from);
        caller.incoming();
        caller.account(account);
        assertThat(Twiml.text(caller.pin(pin).body(), "Enqueue")).isEqualTo("support");
        return caller;
    }

    /** A caller from {@code from} who presses star for no PIN: waiting unverified. */
    public Call unverifiedCaller(String from) {
        var caller = call(from);
        caller.incoming();
        assertThat(Twiml.text(caller.account("*").body(), "Enqueue")).isEqualTo("support-unverified");
        return caller;
    }

    public Call call(String from) {
        return new Call(newCallSid(), from);
    }

    /** An existing call (say, one another instance has answered so far), sent through this FakeTwilio. */
    public Call existingCall(String callSid, String from) {
        return new Call(callSid, from);
    }

    /** One phone call's webhooks, carrying its CallSid and caller. */
    public final class Call {
        private final String callSid;
        private final String from;
        /** Where Twilio would post keyed PIN digits: the action of the last answer's PIN Gather. */
        private String pinPath = VoicePaths.VOICE_PIN;

        Call(String callSid, String from) {
            this.callSid = callSid;
            this.from = from;
        }

        public String callSid() {
            return callSid;
        }

        public Reply incoming() {
            return post(VoicePaths.VOICE_INCOMING, Map.of());
        }

        public Reply account(String digits) {
            return post(VoicePaths.VOICE_ACCOUNT, Map.of("Digits", digits));
        }

        /**
         * Keys a PIN where the last answer's Gather said to post it (its URL carries the account number),
         * or to the bare PIN step when the last answer asked for no PIN, as a test may force.
         */
        public Reply pin(String digits) {
            return post(pinPath, Map.of("Digits", digits));
        }

        /** The same call's leg in another step, as Twilio posts for a call it already knows. */
        public Reply post(String path) {
            return post(path, Map.of());
        }

        /** What Twilio sends when the Gather timed out and the Redirect after it runs. */
        public Reply redirect(String path) {
            return post(path, Map.of());
        }

        /** The agent's Dial reached this caller: Twilio runs the Queue url on this leg just before the bridge. */
        public Reply dequeuedBy(AgentCall agent, int queueTimeSeconds) {
            return post(
                    AgentLinePaths.VOICE_QUEUE_CONNECT,
                    Map.of(
                            "DequeingCallSid",
                            agent.callSid(),
                            "QueueSid",
                            QUEUE_SID,
                            "QueueTime",
                            String.valueOf(queueTimeSeconds)));
        }

        public Reply post(String path, Map<String, String> extra) {
            Reply reply = signedPost(path, params(extra));
            Matcher gather = PIN_GATHER.matcher(reply.body());
            pinPath = gather.find() ? gather.group(1).replace("&amp;", "&") : VoicePaths.VOICE_PIN;
            return reply;
        }

        /** The parameters Twilio sends for this call, plus {@code extra}. */
        public Map<String, String> params(Map<String, String> extra) {
            var params = new LinkedHashMap<String, String>();
            params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
            params.put("ApiVersion", "2010-04-01");
            params.put("CallSid", callSid);
            params.put("CallStatus", "in-progress");
            params.put("Called", "+18005550100");
            params.put("Caller", from);
            params.put("Direction", "inbound");
            params.put("From", from);
            params.put("FromCity", "SAN FRANCISCO");
            params.put("To", "+18005550100");
            params.putAll(extra);
            return params;
        }
    }

    /** POSTs a form body signed for the public URL of {@code path}. */
    public Reply signedPost(String path, Map<String, String> params) {
        return postWithSignature(path, params, signer.sign(publicBase + path, params));
    }

    /** POSTs a form body with the given signature header (null for none). */
    public Reply postWithSignature(String path, Map<String, String> params, String signature) {
        String body = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(localBase.get() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String sign(String path, Map<String, String> params) {
        return signer.sign(publicBase + path, params);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
