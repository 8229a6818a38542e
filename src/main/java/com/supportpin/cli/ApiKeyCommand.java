package com.supportpin.cli;

import com.supportpin.config.Config;
import com.supportpin.api.ApiKeyDao;
import com.supportpin.api.ApiKeys;
import com.supportpin.store.DataDirSecrets;
import com.supportpin.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apikey create}, {@code apikey list}, {@code apikey revoke}: the keys the account center's backend
 * calls {@code /api/v1} with. A key is printed once, at creation; only a keyed hash of it is stored.
 */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage keys of the /api/v1 API.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.List.class, ApiKeyCommand.Revoke.class})
public final class ApiKeyCommand {

    private ApiKeyCommand() {
    }

    /** The keys of the service's database, hashed with the service's APP_SECRET (DATA_DIR's in embedded mode). */
    static ApiKeys keys(Cli.Context context, Database database) {
        Config config = Config.fromEnvironment(context.env());
        String appSecret = config.appSecret()
                .orElseGet(() -> DataDirSecrets.loadOrCreate(config.dataDir(), "app-secret"));
        return new ApiKeys(database.jdbi(), appSecret, Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it once: store it in the account center's backend now.")
    public static final class Create implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "who uses the key, such as account-center; unique")
        String name;

        private final Cli.Context context;

        public Create(Cli.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Database database = context.openDatabase(2)) {
                ApiKeys.Created created = keys(context, database).create(name);
                context.out().println(created.key());
                context.err().println("created API key '" + name + "'; it is shown only this once. Send it as "
                        + "Authorization: Bearer <key>");
                return 0;
            } catch (ApiKeys.Refused refused) {
                context.err().println("error: " + refused.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys by name (never the keys).")
    public static final class List implements Callable<Integer> {

        private final Cli.Context context;

        public List(Cli.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Database database = context.openDatabase(2)) {
                java.util.List<ApiKeyDao.ListedKey> listed = keys(context, database).list();
                if (listed.isEmpty()) {
                    context.out().println("no API keys");
                }
                for (ApiKeyDao.ListedKey key : listed) {
                    context.out().println(key.name() + "  created " + time(key.createdAt())
                            + (key.revokedAt() == null ? "  live" : "  revoked " + time(key.revokedAt()))
                            + "  last call " + (key.lastCallAt() == null ? "never" : time(key.lastCallAt())));
                }
                return 0;
            }
        }

        private static String time(Instant at) {
            return OperatorInput.TIME.format(at) + " UTC";
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: its next call gets 401. Its name stays taken, so the audit stays clear.")
    public static final class Revoke implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "the key's name")
        String name;

        private final Cli.Context context;

        public Revoke(Cli.Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (Database database = context.openDatabase(2)) {
                if (!keys(context, database).revoke(name)) {
                    context.err().println("error: no live API key is named " + name);
                    return 1;
                }
                context.out().println("revoked API key '" + name + "'");
                return 0;
            }
        }
    }
}
