package com.supportpin.callback;

import com.supportpin.voice.Prompts;
import com.supportpin.voice.VoiceWebhooks;
import spark.Service;

/** The customer's leg of a callback: the Number url and its "press 1" action (signature-checked under /voice). */
public final class CallbackRoutes {

    private final VoiceWebhooks webhooks;
    private final CallbackAnswerStep answer;
    private final CallbackPressStep press;

    public CallbackRoutes(VoiceWebhooks webhooks, Callbacks callbacks, Prompts prompts) {
        this.webhooks = webhooks;
        this.answer = new CallbackAnswerStep(callbacks, prompts);
        this.press = new CallbackPressStep(callbacks, prompts);
    }

    public void mount(Service http) {
        http.post(CallbackPaths.VOICE_CALLBACK_ANSWER, webhooks.route(answer));
        http.post(CallbackPaths.VOICE_CALLBACK_PRESS, webhooks.route(press));
    }
}
