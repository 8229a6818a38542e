package com.supportpin.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The PIN prompt's cached rendering says exactly what the SDK renders for each account number. */
class PromptingTest {

    private final Prompting prompting = new Prompting(new Prompts(Locale.ENGLISH), 4);

    @Test
    void thePinPromptForAnAccountIsTheSdksRenderingOfIt() {
        for (String account : new String[] {"1", "1001", "000000000042", "999999999999"}) {
            assertThat(prompting.askPinXml(account))
                    .isEqualTo(prompting.askPin(account).toXml());
            assertThat(prompting.askPinXml(account, prompting.prompts().say("pin.silence")))
                    .isEqualTo(prompting
                            .askPin(account, prompting.prompts().say("pin.silence"))
                            .toXml());
        }
    }

    @Test
    void thePinPromptNamesOnlyTheAccountItWasRenderedFor() {
        String first = prompting.askPinXml("1001");
        String second = prompting.askPinXml("2002");

        assertThat(first)
                .contains("/voice/pin?account=1001")
                .doesNotContain("2002")
                .doesNotContain("ACCOUNT");
        assertThat(second).contains("/voice/pin?account=2002").doesNotContain("1001");
    }
}
