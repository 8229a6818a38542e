package com.supportpin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.agent.line.AgentLinePaths;
import com.supportpin.callback.CallbackPaths;
import com.supportpin.voice.VoicePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a rendered TwiML document with its canonical file in the top-level {@code twiml/} folder, as
 * parsed XML, and checks that it points only at routes the running server registered. Run with
 * {@code -Dtwiml.update=true} to (re)write the files, then review the diff.
 */
public final class GoldenTwiml {

    private GoldenTwiml() {}

    public static Path folder() {
        return Path.of(System.getProperty("project.root", ".")).resolve("twiml");
    }

    /** Asserts that {@code xml} is strict TwiML, points only at {@code server}'s routes, and equals twiml/NAME.xml. */
    public static void check(TestServer server, String name, String xml) {
        Twiml.strict(xml);
        checkUrls(server, name, xml);
        Path file = folder().resolve(name + ".xml");
        try {
            if (Boolean.getBoolean("twiml.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Twiml.pretty(xml), StandardCharsets.UTF_8);
            }
            assertThat(file)
                    .as("golden file %s (write it with -Dtwiml.update=true)", file)
                    .exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(Twiml.sameDocument(expected, xml))
                    .as("%s differs from %s:%n%s", name, file, Twiml.pretty(xml))
                    .isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every URL of the document is a path Twilio may post to on {@code server} (audio URLs aside), and the
     * only queries are the account number the caller entered, on the PIN step's URL, and a callback
     * attempt's id, on the callback's Dial action and the customer's leg.
     */
    public static void checkUrls(TestServer server, String name, String xml) {
        List<String> registered = server.voicePaths();
        assertThat(registered).as("the server's voice routes").isNotEmpty();
        for (String url : Twiml.urls(xml)) {
            if (url.startsWith("http")) {
                continue;
            }
            String path = url.replaceFirst("\\?.*", "");
            assertThat(registered).as("%s points at %s", name, url).contains(path);
            if (!path.equals(url)) {
                assertThat(url)
                        .as("%s points at %s", name, url)
                        .matches(VoicePaths.VOICE_PIN + "\\?account=[0-9]{1,12}|("
                                + AgentLinePaths.VOICE_AGENT_CALLBACK_DIAL_END + "|"
                                + CallbackPaths.VOICE_CALLBACK_ANSWER + "|"
                                + CallbackPaths.VOICE_CALLBACK_PRESS + ")\\?" + CallbackPaths.ATTEMPT + "=[0-9]{1,18}");
            }
        }
    }
}
