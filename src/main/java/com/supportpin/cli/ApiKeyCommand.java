package com.supportpin.cli;

import com.supportpin.api.ApiKeyDao;
import com.supportpin.api.ApiKeys;
import com.supportpin.config.Config;
import com.supportpin.store.DataDirSecrets;
import com.supportpin.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apikey create|list|revoke}: keys of {@code /api/v1}; a key is printed once and stored only as a keyed hash. */
@Command(
        name = "apikey",
        mixinStandardHelpOptions = true,
        description = "Manage keys of the /api/v1 API.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
public final class ApiKeyCommand {

    private ApiKeyCommand() {}

    /** A subcommand on the keys of the service's database, hashed with its APP_SECRET (DATA_DIR's when embedded). */
    private abstract static class KeyCommand extends DatabaseCommand {

        KeyCommand(Cli.Context context) {
            super(context, 2);
        }

        @Override
        final int run(Database database) {
            Config config = Config.fromEnvironment(context.env());
            String appSecret =
                    config.appSecret().orElseGet(() -> DataDirSecrets.loadOrCreate(config.dataDir(), "app-secret"));
            return run(new ApiKeys(database.jdbi(), appSecret, Clock.systemUTC()));
        }

        abstract int run(ApiKeys keys);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a key and print it once: store it in the account center's backend now.")
    public static final class Create extends KeyCommand {

        @Option(names = "--name", required = true, description = "who uses the key, such as account-center; unique")
        String name;

        public Create(Cli.Context context) {
            super(context);
        }

        @Override
        int run(ApiKeys keys) {
            context.out().println(keys.create(name).key());
            context.err()
                    .println("created API key '" + name + "'; it is shown only this once. Send it as "
                            + "Authorization: Bearer <key>");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys by name (never the keys).")
    public static final class ListKeys extends KeyCommand {

        public ListKeys(Cli.Context context) {
            super(context);
        }

        @Override
        int run(ApiKeys keys) {
            List<ApiKeyDao.ListedKey> listed = keys.list();
            if (listed.isEmpty()) {
                context.out().println("no API keys");
            }
            for (ApiKeyDao.ListedKey key : listed) {
                context.out()
                        .println(key.name() + "  created " + time(key.createdAt())
                                + (key.revokedAt() == null ? "  live" : "  revoked " + time(key.revokedAt()))
                                + "  last call " + (key.lastCallAt() == null ? "never" : time(key.lastCallAt())));
            }
            return 0;
        }

        private static String time(Instant at) {
            return OperatorInput.TIME.format(at) + " UTC";
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke a key: its next call gets 401. Its name stays taken, so the audit stays clear.")
    public static final class Revoke extends KeyCommand {

        @Option(names = "--name", required = true, description = "the key's name")
        String name;

        public Revoke(Cli.Context context) {
            super(context);
        }

        @Override
        int run(ApiKeys keys) {
            if (!keys.revoke(name)) {
                context.err().println("error: no live API key is named " + name);
                return 1;
            }
            context.out().println("revoked API key '" + name + "'");
            return 0;
        }
    }
}
