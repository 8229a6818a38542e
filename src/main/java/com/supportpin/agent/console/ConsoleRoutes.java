package com.supportpin.agent.console;

import static com.supportpin.agent.console.ConsolePaths.AGENT_CALLBACKS;
import static com.supportpin.agent.console.ConsolePaths.AGENT_CONSOLE;
import static com.supportpin.agent.console.ConsolePaths.AGENT_CONSOLE_SCRIPT;
import static com.supportpin.agent.console.ConsolePaths.AGENT_CONSOLE_STYLESHEET;
import static com.supportpin.agent.console.ConsolePaths.AGENT_SIGN_IN;
import static com.supportpin.agent.console.ConsolePaths.AGENT_SIGN_OUT;
import static com.supportpin.agent.console.ConsolePaths.AGENT_VERIFY;
import static com.supportpin.agent.console.ConsolePaths.API_AGENT_CALLBACKS;
import static com.supportpin.agent.console.ConsolePaths.API_AGENT_CURRENT_CALL;
import static com.supportpin.agent.console.ConsolePaths.API_AGENT_QUEUE;
import static com.supportpin.agent.console.ConsolePaths.API_AGENT_SESSION;
import static com.supportpin.agent.console.ConsolePaths.API_AGENT_VERIFY;
import static com.supportpin.agent.console.ConsolePaths.CALLBACK_CANCEL;
import static com.supportpin.agent.console.ConsolePaths.CALLBACK_HANDLED;

import com.supportpin.callback.CallbackState;
import com.supportpin.web.StaticAssets;
import java.util.Map;
import spark.Service;

/** The agent console's pages, its JSON API and its two assets. */
public final class ConsoleRoutes {

    private final AgentConsole console;
    private final AgentApi api;
    private final StaticAssets assets = new StaticAssets(
            Map.of(AGENT_CONSOLE_STYLESHEET, "agent-console.css", AGENT_CONSOLE_SCRIPT, "agent-console.js"));

    public ConsoleRoutes(AgentConsole console, AgentApi api) {
        this.console = console;
        this.api = api;
    }

    public void mount(Service http) {
        http.get(AGENT_CONSOLE, console::show);
        http.post(AGENT_SIGN_IN, console::signIn);
        http.post(AGENT_SIGN_OUT, console::signOut);
        http.post(AGENT_VERIFY, console::verify);
        http.get(AGENT_CONSOLE_STYLESHEET, assets::serve);
        http.get(AGENT_CONSOLE_SCRIPT, assets::serve);
        http.post(API_AGENT_SESSION, api::signIn);
        http.delete(API_AGENT_SESSION, api::signOut);
        http.get(API_AGENT_QUEUE, api::queue);
        http.get(API_AGENT_CURRENT_CALL, api::current);
        http.post(API_AGENT_VERIFY, api::verify);
        http.get(API_AGENT_CALLBACKS, api::callbacks);
        http.post(
                API_AGENT_CALLBACKS + CALLBACK_HANDLED,
                (request, response) -> api.closeCallback(request, response, CallbackState.HANDLED));
        http.post(
                API_AGENT_CALLBACKS + CALLBACK_CANCEL,
                (request, response) -> api.closeCallback(request, response, CallbackState.CANCELLED));
        http.post(
                AGENT_CALLBACKS + CALLBACK_HANDLED,
                (request, response) -> console.closeCallback(request, response, CallbackState.HANDLED));
        http.post(
                AGENT_CALLBACKS + CALLBACK_CANCEL,
                (request, response) -> console.closeCallback(request, response, CallbackState.CANCELLED));
    }
}
