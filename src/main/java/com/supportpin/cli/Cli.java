package com.supportpin.cli;

import com.supportpin.config.Config;
import com.supportpin.store.Database;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator CLI ({@code serve} by default); exit codes 0, 1, and 2 for usage errors. */
@Command(
        name = "support-pin-ivr",
        mixinStandardHelpOptions = true,
        description = "Support PIN IVR: the support phone line that verifies callers with a one-time PIN.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            ContactCommand.class,
            CallCommand.class,
            PinCommand.class,
            LockoutCommand.class,
            AuditCommand.class,
            AgentCommand.class,
            PurgeCommand.class,
            ApiKeyCommand.class
        })
public final class Cli implements Runnable {

    /** What every command may use: the environment and the standard streams. */
    public record Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {

        /** The service's database (also while the service runs), migrated to this build. */
        Database openDatabase(int connections) {
            Database database = Database.openBesideService(Config.fromEnvironment(env), connections);
            database.migrate();
            return database;
        }

        /** True when {@code account} is an account number; otherwise says so on standard error. */
        boolean acceptsAccountNumber(String account) {
            if (OperatorInput.isAccountNumber(account)) {
                return true;
            }
            err.println("error: --account must be an account number of 1 to 12 digits, not '" + account + "'");
            return false;
        }
    }

    private final Context context;

    Cli(Context context) {
        this.context = context;
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        var context = new Context(env, in, out, err);
        var commandLine = new CommandLine(new Cli(context), new ContextFactory(context))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((exception, arguments) -> {
                    // One line saying what to do, instead of the whole usage text.
                    exception
                            .getCommandLine()
                            .getErr()
                            .println("error: " + oneLine(exception) + " (see "
                                    + exception
                                            .getCommandLine()
                                            .getCommandSpec()
                                            .qualifiedName() + " --help)");
                    return CommandLine.ExitCode.USAGE;
                })
                .setExecutionExceptionHandler((exception, line, parseResult) -> {
                    line.getErr().println("error: " + oneLine(exception));
                    return CommandLine.ExitCode.SOFTWARE;
                });
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        return commandLine.execute(effective);
    }

    @Override
    public void run() {
        new ServeCommand(context).run();
    }

    static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /** Hands the shared context to each command's constructor. */
    private record ContextFactory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Context.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
