package com.supportpin.voice;

import com.twilio.twiml.voice.Say;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** What callers hear, from prompts_en.properties. */
public final class Prompts {

    private final ResourceBundle bundle;
    private final Locale locale;

    public Prompts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("prompts", locale);
    }

    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    public Say say(String key, Object... arguments) {
        return new Say.Builder(text(key, arguments)).build();
    }
}
