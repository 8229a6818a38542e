package com.supportpin.cli;

import com.supportpin.contact.Refused;
import com.supportpin.store.Database;
import java.io.IOException;
import java.util.concurrent.Callable;

/** An operator command on the service's database: a refusal is exit code 1 with its reason. */
abstract class DatabaseCommand implements Callable<Integer> {

    final Cli.Context context;
    private final int connections;

    DatabaseCommand(Cli.Context context, int connections) {
        this.context = context;
        this.connections = connections;
    }

    @Override
    public Integer call() throws IOException {
        try (Database database = context.openDatabase(connections)) {
            return run(database);
        } catch (Refused refused) {
            context.err().println("error: " + refused.getMessage());
            return 1;
        }
    }

    /** The command's work; answers the exit code. */
    abstract int run(Database database) throws IOException;
}
