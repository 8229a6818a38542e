package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.support.FakeTwilio;
import com.supportpin.support.GoldenTwiml;
import com.supportpin.support.TestServer;
import com.supportpin.support.Twiml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every call-flow step and branch through the real server and compares it, as parsed XML, with
 * its canonical file in the top-level twiml/ folder. Run with -Dtwiml.update=true to rewrite the files
 * after an intended change, then review the diff.
 */
class GoldenTwimlTest {

    private static final Path GOLDEN = GoldenTwiml.folder();
    private static final String ACCOUNT = "1001";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    private static final FakeTwilio twilio = new FakeTwilio(server);
    private static long contact;

    @BeforeAll
    static void addContact() {
        contact = server.addContact(ACCOUNT, "Golden Contact", "golden@example.com", "golden password 1");
    }

    /** A named branch of the call flow and how to reach it. */
    record Branch(String name, Function<FakeTwilio.Call, FakeTwilio.Reply> walk) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> branches() {
        return Stream.of(
                        new Branch("incoming", FakeTwilio.Call::incoming),
                        new Branch("account-silence", call -> {
                            call.incoming();
                            return call.redirect(VoicePaths.VOICE_ACCOUNT);
                        }),
                        new Branch("account-invalid", call -> {
                            call.incoming();
                            return call.account("12ab");
                        }),
                        new Branch("pin-prompt", call -> {
                            call.incoming();
                            return call.account(ACCOUNT);
                        }),
                        new Branch("pin-silence", call -> {
                            call.incoming();
                            call.account(ACCOUNT);
                            return call.redirect(VoicePaths.VOICE_PIN);
                        }),
                        new Branch("pin-invalid", call -> {
                            call.incoming();
                            call.account(ACCOUNT);
                            return call.pin("12");
                        }),
                        new Branch("pin-mismatch", call -> {
                            String pin = server.generatePin(contact);
                            call.incoming();
                            call.account(ACCOUNT);
                            return call.pin(pin.equals("0000") ? "1111" : "0000");
                        }),
                        new Branch("verified", call -> {
                            String pin = server.generatePin(contact);
                            call.incoming();
                            call.account(ACCOUNT);
                            return call.pin(pin);
                        }),
                        new Branch("unverified-no-pin", call -> {
                            call.incoming();
                            return call.account("*");
                        }),
                        new Branch("unverified-failed", call -> {
                            String pin = server.generatePin(contact);
                            String wrong = pin.equals("0000") ? "1111" : "0000";
                            call.incoming();
                            FakeTwilio.Reply last = null;
                            for (int i = 0; i < 3; i++) {
                                call.account(ACCOUNT);
                                last = call.pin(wrong);
                            }
                            server.jdbi().useHandle(h -> h.execute("DELETE FROM pin_guard"));
                            return last;
                        }),
                        new Branch("unverified-silence", call -> {
                            call.incoming();
                            FakeTwilio.Reply last = null;
                            for (int i = 0; i < 4; i++) {
                                last = call.redirect(VoicePaths.VOICE_ACCOUNT);
                            }
                            return last;
                        }),
                        new Branch(
                                "hold",
                                call -> call.post(
                                        VoicePaths.VOICE_HOLD,
                                        Map.of(
                                                "QueuePosition",
                                                "2",
                                                "QueueSid",
                                                "QU0123",
                                                "QueueTime",
                                                "15",
                                                "CurrentQueueSize",
                                                "4",
                                                "MaxQueueSize",
                                                "1000"))),
                        new Branch("hold-no-position", call -> call.post(VoicePaths.VOICE_HOLD, Map.of())),
                        new Branch(
                                "hold-wait",
                                call -> call.post(
                                        VoicePaths.VOICE_HOLD,
                                        Map.of(
                                                "QueuePosition",
                                                "3",
                                                "QueueTime",
                                                "60",
                                                "AvgQueueTime",
                                                "200",
                                                "CurrentQueueSize",
                                                "4"))),
                        new Branch(
                                "hold-wait-short",
                                call -> call.post(
                                        VoicePaths.VOICE_HOLD,
                                        Map.of(
                                                "QueuePosition",
                                                "1",
                                                "QueueTime",
                                                "20",
                                                "AvgQueueTime",
                                                "35",
                                                "CurrentQueueSize",
                                                "1"))),
                        new Branch(
                                "hold-callback-offer",
                                call -> call.post(
                                        VoicePaths.VOICE_HOLD,
                                        Map.of(
                                                "QueuePosition",
                                                "2",
                                                "QueueTime",
                                                "301",
                                                "AvgQueueTime",
                                                "200",
                                                "CurrentQueueSize",
                                                "4"))),
                        new Branch(
                                "hold-callback-other-key",
                                call -> call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "7"))),
                        new Branch(
                                "hold-callback-recorded",
                                call -> call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"))),
                        new Branch(
                                "hold-callback-no-number",
                                call -> twilio.call("anonymous")
                                        .post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"))),
                        new Branch("queue-exit-callback-goodbye", call -> {
                            call.post(VoicePaths.VOICE_HOLD_CALLBACK, Map.of("Digits", "1"));
                            return call.post(
                                    VoicePaths.VOICE_QUEUE_EXIT, Map.of("QueueResult", "leave", "QueueTime", "320"));
                        }),
                        new Branch(
                                "queue-connect",
                                call -> call.post(
                                        AgentLinePaths.VOICE_QUEUE_CONNECT,
                                        Map.of(
                                                "DequeingCallSid",
                                                "CA0123456789abcdef0123456789abcdef",
                                                "QueueTime",
                                                "42"))),
                        new Branch(
                                "queue-exit-bridged",
                                call -> call.post(
                                        VoicePaths.VOICE_QUEUE_EXIT,
                                        Map.of("QueueResult", "bridged", "QueueTime", "40"))),
                        new Branch(
                                "queue-exit-failed",
                                call -> call.post(
                                        VoicePaths.VOICE_QUEUE_EXIT,
                                        Map.of("QueueResult", "queue-full", "QueueTime", "0"))),
                        new Branch(
                                "status",
                                call -> call.post(VoicePaths.VOICE_STATUS, Map.of("CallStatus", "completed"))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("branches")
    void everyStepRendersItsGoldenTwiml(Branch branch) throws IOException {
        var reply = branch.walk().apply(twilio.call("+14155550199"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/xml");
        Twiml.strict(reply.body());
        GoldenTwiml.check(server, branch.name(), reply.body());
    }

    @Test
    void theUnavailableRouteRendersItsGoldenTwiml() throws IOException {
        var routing = new QueueRouting(new Prompts(Locale.ENGLISH));
        GoldenTwiml.check(
                server,
                "unverified-unavailable",
                routing.unverified(UnverifiedReason.UNAVAILABLE, "CA0123456789abcdef0123456789abcdef")
                        .toXml());
    }

    @Test
    void everyUrlInEveryGoldenDocumentIsARegisteredVoiceRoute() throws IOException {
        List<Path> files;
        try (var listing = Files.list(GOLDEN)) {
            files = listing.filter(path -> path.toString().endsWith(".xml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(17);
        for (Path file : files) {
            String xml = Files.readString(file);
            Twiml.strict(xml);
            GoldenTwiml.checkUrls(server, file.getFileName().toString(), xml);
        }
    }

    @Test
    void everyGoldenFileIsCoveredByABranch() throws IOException {
        var covered = branches().map(arguments -> arguments.get()[0].toString()).collect(Collectors.toSet());
        covered.add("unverified-unavailable");
        try (var listing = Files.list(GOLDEN)) {
            var onDisk = listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".xml"))
                    .map(name -> name.substring(0, name.length() - 4))
                    .filter(name -> !name.startsWith("agent")
                            && !name.startsWith("taskrouter")
                            && !name.startsWith("callback-"))
                    .collect(Collectors.toSet());
            assertThat(covered).containsAll(onDisk);
        }
    }
}
