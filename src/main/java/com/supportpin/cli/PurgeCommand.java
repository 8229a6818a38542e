package com.supportpin.cli;

import com.supportpin.config.Config;
import com.supportpin.retention.Purge;
import com.supportpin.retention.PurgeKind;
import com.supportpin.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code purge [--dry-run]}: the service's own purge, now, or only its counts. */
@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        description = "Delete call records older than RETENTION_CALLS, the audit older than RETENTION_AUDIT, and"
                + " expired sessions, ended PINs and old sign-in failures (the service does this every 5 minutes).")
public final class PurgeCommand extends DatabaseCommand {

    @Option(names = "--dry-run", description = "only print what would go; delete nothing")
    boolean dryRun;

    public PurgeCommand(Cli.Context context) {
        super(context, 2);
    }

    @Override
    int run(Database database) {
        Config config = Config.fromEnvironment(context.env());
        var purge = new Purge(
                database.jdbi(),
                Clock.systemUTC(),
                config.retention().calls(),
                config.retention().audit(),
                (kind, rows) -> {});
        String settings = "RETENTION_CALLS " + iso(config.retention().calls()) + ", RETENTION_AUDIT "
                + iso(config.retention().audit());
        if (dryRun) {
            print("would purge (" + settings + "):", purge.dryRun());
            return 0;
        }
        Optional<Map<PurgeKind, Long>> purged = purge.runOnce();
        if (purged.isEmpty()) {
            context.err().println("error: another instance is purging right now; try again in a minute");
            return 1;
        }
        print("purged (" + settings + "):", purged.get());
        return 0;
    }

    /** P90D rather than Duration's PT2160H, as the setting is usually written. */
    private static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private void print(String heading, Map<PurgeKind, Long> rows) {
        context.out().println(heading);
        rows.forEach((kind, count) -> context.out().printf("  %-22s %,10d%n", kind.table(), count));
        context.out()
                .printf(
                        "  %-22s %,10d%n",
                        "total",
                        rows.values().stream().mapToLong(Long::longValue).sum());
    }
}
