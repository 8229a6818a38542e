package com.supportpin.cli;

import com.supportpin.simulator.CallSimulator;
import com.supportpin.simulator.KeyboardKeypad;
import com.supportpin.simulator.Keypad;
import com.supportpin.simulator.ScriptedKeypad;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code call}: plays Twilio's part against a running server, so the IVR can be heard without Twilio. */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = {
            "Call the running service as Twilio would: signed webhooks, TwiML followed, keys from the keyboard.",
            "Say is printed as what the caller hears; type keys and press Enter for each prompt (Enter alone is silence).",
            "While on hold, press a to take the call on the agent line in the same session."
        })
public final class CallCommand implements Callable<Integer> {

    @Option(
            names = "--line",
            defaultValue = "support",
            paramLabel = "support|agent",
            description = "which line to call (default: ${DEFAULT-VALUE})")
    String line;

    @Option(
            names = "--from",
            paramLabel = "+E164",
            description = "the number calling the chosen line (default: " + CALLER + " on the support line, " + AGENT
                    + " on the agent line)")
    String from;

    @Option(
            names = "--to",
            paramLabel = "+E164",
            description = "the number of the chosen line (default: " + SUPPORT_NUMBER + " for support, " + AGENT_NUMBER
                    + " for the agent line)")
    String to;

    @Option(
            names = "--agent-from",
            paramLabel = "+E164",
            description =
                    "the agent's number when a waiting caller is taken on the agent line (default: " + AGENT + ")")
    String agentFrom;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "where to send the webhooks (default: http://localhost:$PORT, PORT defaulting to 8080);"
                    + " they are signed for PUBLIC_BASE_URL")
    String server;

    @Option(
            names = "--keys",
            paramLabel = "KEYS",
            description = {
                "run without a keyboard: comma-separated answers, one per prompt (empty = silence);"
                        + " on hold: a = take the call as an agent, h = hang up, empty = keep waiting."
                        + " The caller hangs up when they run out. Example: \"1001#,0427\""
            })
    String keys;

    private static final String CALLER = "+14155550100";
    private static final String AGENT = "+14155550199";
    private static final String SUPPORT_NUMBER = "+18005550100";
    private static final String AGENT_NUMBER = "+18005550199";

    private final Cli.Context context;

    public CallCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        CallSimulator.Line chosen;
        try {
            chosen = CallSimulator.Line.valueOf(line.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            context.err().println("error: --line must be support or agent, not '" + line + "'");
            return 2;
        }
        Optional<String> token = authToken();
        if (token.isEmpty()) {
            context.err()
                    .println("error: no Twilio Auth Token: set TWILIO_AUTH_TOKEN to the service's, or start the"
                            + " service in embedded mode once so that "
                            + dataDir().resolve("twilio-auth-token") + " exists");
            return 1;
        }
        String port = env("PORT").orElse("8080");
        URI publicBase;
        URI target;
        try {
            publicBase = absoluteUrl(env("PUBLIC_BASE_URL").orElse("http://localhost:" + port), "PUBLIC_BASE_URL");
            target = absoluteUrl(server != null ? server : "http://localhost:" + port, "--server");
        } catch (IllegalArgumentException e) {
            context.err().println("error: " + e.getMessage());
            return 2;
        }
        boolean agentLine = chosen == CallSimulator.Line.AGENT;
        var caller = new CallSimulator.Phone(
                !agentLine && from != null ? from : CALLER, !agentLine && to != null ? to : SUPPORT_NUMBER);
        var agent = new CallSimulator.Phone(
                agentLine && from != null ? from : agentFrom != null ? agentFrom : AGENT,
                agentLine && to != null ? to : AGENT_NUMBER);
        var settings = new CallSimulator.Settings(target, publicBase, token.get(), caller, agent);
        Keypad keypad = keys != null
                ? new ScriptedKeypad(keys)
                : new KeyboardKeypad(
                        new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)), context.out());
        CallSimulator.Result result;
        try {
            result = new CallSimulator(settings, keypad, context.out()).call(chosen);
        } catch (IllegalArgumentException scriptError) {
            context.err().println("error: " + scriptError.getMessage());
            return 2;
        }
        if (result.completedNormally()) {
            context.out().println("call completed");
            return 0;
        }
        context.err()
                .println("error: the call failed (" + String.join("; ", result.errors()) + "): "
                        + hint(String.join(" ", result.errors()), target, publicBase));
        return 1;
    }

    /** What to do about the first kind of failure the call ran into. */
    private static String hint(String errors, URI target, URI publicBase) {
        if (errors.contains("Twilio error 11205")) {
            return "check that the service runs at " + target + " (or give its address with --server)";
        }
        if (errors.contains("answered HTTP 403")) {
            return "the service refused the signature: use its TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL (" + publicBase
                    + " here)";
        }
        if (errors.contains("answered HTTP 404")) {
            return "the service has no such webhook: check --line, and that the service is the version you expect";
        }
        return "the transcript above shows where; the service's log has the same call under its CallSid";
    }

    private Optional<String> authToken() throws IOException {
        Optional<String> configured = env("TWILIO_AUTH_TOKEN");
        if (configured.isPresent()) {
            return configured;
        }
        Path file = dataDir().resolve("twilio-auth-token");
        return Files.isReadable(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                        .filter(text -> !text.isEmpty())
                : Optional.empty();
    }

    private Path dataDir() {
        return Path.of(env("DATA_DIR").orElse("./data"));
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(context.env().get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static URI absoluteUrl(String text, String name) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                name + " must be an absolute http(s) URL such as http://localhost:8080, not '" + text + "'");
    }
}
