package com.supportpin.cli;

import com.supportpin.config.Config;
import com.supportpin.store.Database;
import picocli.CommandLine.Command;

/** Applies the database migrations and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the database migrations in db/.")
public final class MigrateCommand implements Runnable {

    private final Cli.Context context;

    public MigrateCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        try (Database database = Database.open(Config.fromEnvironment(context.env()), 2)) {
            database.migrate();
        }
        context.out().println("database is up to date");
    }
}
