package com.supportpin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.voice.VoicePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a rendered TwiML document with its canonical file in the top-level {@code twiml/} folder, as
 * parsed XML. Run with {@code -Dtwiml.update=true} to (re)write the files, then review the diff.
 */
public final class GoldenTwiml {

    /** Every path Twilio may post to (the server's real table is checked in GoldenTwimlTest). */
    private static final List<String> VOICE_PATHS = List.of(VoicePaths.VOICE_INCOMING, VoicePaths.VOICE_ACCOUNT,
            VoicePaths.VOICE_PIN, VoicePaths.VOICE_HOLD, VoicePaths.VOICE_HOLD_CALLBACK, VoicePaths.VOICE_QUEUE_EXIT,
            VoicePaths.VOICE_STATUS, AgentLinePaths.VOICE_QUEUE_CONNECT, AgentLinePaths.VOICE_AGENT,
            AgentLinePaths.VOICE_AGENT_CODE, AgentLinePaths.VOICE_AGENT_PASSCODE, AgentLinePaths.VOICE_AGENT_NEXT,
            AgentLinePaths.VOICE_AGENT_DIAL_END, AgentLinePaths.VOICE_AGENT_STATUS);

    private GoldenTwiml() {
    }

    public static Path folder() {
        return Path.of(System.getProperty("project.root", ".")).resolve("twiml");
    }

    /** Asserts that {@code xml} is strict TwiML, points only at registered routes, and equals {@code twiml/NAME.xml}. */
    public static void check(String name, String xml) {
        Twiml.strict(xml);
        assertThat(Twiml.urls(xml)).as("URLs in %s", name).allSatisfy(url -> assertThat(VOICE_PATHS).contains(url));
        Path file = folder().resolve(name + ".xml");
        try {
            if (Boolean.getBoolean("twiml.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Twiml.pretty(xml), StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (write it with -Dtwiml.update=true)", file).exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(Twiml.sameDocument(expected, xml))
                    .as("%s differs from %s:%n%s", name, file, Twiml.pretty(xml))
                    .isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
