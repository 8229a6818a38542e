package com.supportpin.cli;

import com.supportpin.agent.Agents;
import com.supportpin.contact.Passwords;
import com.supportpin.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent add} and {@code agent disable}: who may take calls on the agent line and open the console. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "Manage support agents.",
        subcommands = {AgentCommand.Add.class, AgentCommand.Disable.class})
public final class AgentCommand {

    private static Agents agents(Database database) {
        return new Agents(database.jdbi(), new Passwords(), Clock.systemUTC());
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add an agent; standard input gives the console password on the first line and the "
                    + "numeric phone passcode (at least 6 digits) on the second.")
    public static final class Add extends DatabaseCommand {

        @Option(names = "--name", required = true, description = "the agent's name, shown in the console")
        String name;

        @Option(names = "--email", required = true, description = "console sign-in e-mail, unique")
        String email;

        @Option(
                names = "--code",
                required = true,
                description = "agent code keyed on the agent line (4 to 10 digits), unique")
        String code;

        private String password;
        private String passcode;

        public Add(Cli.Context context) {
            super(context, 2);
        }

        @Override
        public Integer call() throws IOException {
            var lines = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
            password = lines.readLine();
            passcode = lines.readLine();
            if (password == null || passcode == null) {
                context.err()
                        .println("error: give the console password on the first line of standard input "
                                + "and the phone passcode on the second");
                return 1;
            }
            return super.call();
        }

        @Override
        int run(Database database) {
            long id = agents(database).add(name, email, code, password, passcode.trim());
            context.out().println("added agent " + id + " (" + email.trim() + ") with agent code " + code);
            return 0;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disable an agent: no more sign-ins on the agent line or the console; "
                    + "open console sessions end.")
    public static final class Disable extends DatabaseCommand {

        @Option(names = "--code", required = true, description = "the agent's code")
        String code;

        public Disable(Cli.Context context) {
            super(context, 2);
        }

        @Override
        int run(Database database) {
            if (!agents(database).disable(code)) {
                context.err().println("error: no agent has code " + code);
                return 1;
            }
            context.out().println("disabled agent with code " + code);
            return 0;
        }
    }
}
