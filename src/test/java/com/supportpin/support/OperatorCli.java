package com.supportpin.support;

import com.supportpin.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The operator CLI run in-process, its output kept apart from the logs. */
public final class OperatorCli {

    /** What one command did. */
    public record Run(int exitCode, String out, String err) {}

    private OperatorCli() {}

    /** A command against a test server's database. */
    public static Run run(TestServer server, String... args) {
        return run(env(server.databaseUrl()), "", args);
    }

    /** The environment of a command against the database at {@code databaseUrl}. */
    public static Map<String, String> env(String databaseUrl) {
        return Map.of(
                "DATABASE_URL",
                databaseUrl,
                "TWILIO_AUTH_TOKEN",
                TestServer.AUTH_TOKEN,
                "APP_SECRET",
                TestServer.APP_SECRET);
    }

    /** A command with this environment, {@code stdin} on its standard input. */
    public static Run run(Map<String, String> env, String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode = Cli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code call --server <the test server> OPTIONS}: the simulator against {@code server}, signing for its
     * public URL with its Auth Token, as the README's walk-throughs run it.
     */
    public static Run call(TestServer server, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "call";
        args[1] = "--server";
        args[2] = server.localUrl("");
        System.arraycopy(options, 0, args, 3, options.length);
        return run(
                Map.of("TWILIO_AUTH_TOKEN", TestServer.AUTH_TOKEN, "PUBLIC_BASE_URL", TestServer.PUBLIC_BASE_URL),
                "",
                args);
    }

    /** {@code apikey create --name NAME}: the key it printed. */
    public static String createApiKey(TestServer server, String name) {
        Run run = run(server, "apikey", "create", "--name", name);
        if (run.exitCode() != 0) {
            throw new AssertionError("apikey create failed: " + run.err());
        }
        return run.out().trim();
    }
}
