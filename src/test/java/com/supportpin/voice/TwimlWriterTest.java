package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Say;
import org.junit.jupiter.api.Test;

/** Rendering reuses the text of equal documents and never mixes up different ones. */
class TwimlWriterTest {

    private static VoiceResponse saying(String text) {
        return new VoiceResponse.Builder().say(new Say.Builder(text).build()).build();
    }

    @Test
    void aDocumentRendersAsTheSdkRendersIt() {
        VoiceResponse document = saying("You are number 7 in line.");

        assertThat(TwimlWriter.xml(document)).isEqualTo(document.toXml());
    }

    @Test
    void equalDocumentsShareOneRenderingAndDifferentOnesDoNot() {
        String first = TwimlWriter.xml(saying("You are number 1 in line."));
        String again = TwimlWriter.xml(saying("You are number 1 in line."));
        String other = TwimlWriter.xml(saying("You are number 2 in line."));

        assertThat(again).isSameAs(first);
        assertThat(other).contains("number 2").doesNotContain("number 1");
    }

    @Test
    void attributesTellDocumentsApart() {
        var voiced = new VoiceResponse.Builder()
                .say(new Say.Builder("Hello.").voice(Say.Voice.ALICE).build())
                .build();

        assertThat(TwimlWriter.xml(voiced)).contains("voice=\"alice\"");
        assertThat(TwimlWriter.xml(saying("Hello."))).doesNotContain("voice=");
    }

    @Test
    void aFullCacheStartsAfreshAndStillRendersRight() {
        for (int position = 0; position < 3000; position++) {
            String text = "You are number " + position + " in line.";
            assertThat(TwimlWriter.xml(saying(text))).contains(text);
        }
        assertThat(TwimlWriter.xml(saying("Hello."))).isEqualTo(saying("Hello.").toXml());
    }
}
