package com.supportpin.cli;

import com.supportpin.pin.AuditDao;
import com.supportpin.store.Database;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the verification attempts made against an account, for an operator looking into it. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Print the PIN verification attempts on an account: time, CallSid, caller and outcome."
                + " PIN digits are never stored, so never shown.")
public final class AuditCommand extends AccountCommand {

    @Option(
            names = "--since",
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "how far back: 30m, 24h, 7d, an ISO-8601 duration (PT12H) or a UTC time"
                    + " (2026-11-26T09:00:00Z); default: ${DEFAULT-VALUE}")
    String since;

    public AuditCommand(Cli.Context context) {
        super(context);
    }

    @Override
    int run() {
        Instant from;
        try {
            from = OperatorInput.since(since, clock.instant());
        } catch (IllegalArgumentException e) {
            context.err().println("error: " + e.getMessage());
            return 2;
        }
        try (Database database = context.openDatabase(4)) {
            List<AuditDao.Attempt> attempts =
                    database.jdbi().onDemand(AuditDao.class).forAccount(account, from);
            if (attempts.isEmpty()) {
                context.out()
                        .println("no verification attempts on account " + account + " since "
                                + OperatorInput.TIME.format(from) + " UTC");
                return 0;
            }
            var table = new Table("time (UTC)", "CallSid", "caller", "outcome");
            attempts.forEach(attempt -> table.add(
                    OperatorInput.TIME.format(attempt.attemptedAt()),
                    attempt.callSid(),
                    attempt.caller() == null || attempt.caller().isBlank() ? "-" : attempt.caller(),
                    attempt.outcome()));
            table.print(context.out());
            context.out()
                    .println(attempts.size() + " attempt" + (attempts.size() == 1 ? "" : "s") + " since "
                            + OperatorInput.TIME.format(from) + " UTC");
            printCalls(database.jdbi().onDemand(AuditDao.CallEnds.class).forAccount(account, from));
            return 0;
        }
    }

    /** How each call behind the attempts ended, from its own record. */
    private void printCalls(List<AuditDao.CallEnd> calls) {
        context.out().println();
        var table =
                new Table("CallSid", "verification", "queue", "left queue", "waited", "last status", "PIN used (UTC)");
        calls.forEach(call -> table.add(
                call.callSid(),
                call.verifiedBy() != null
                        ? "verified (" + call.verifiedBy() + ")"
                        : call.unverifiedReason() != null ? "unverified (" + call.unverifiedReason() + ")" : "-",
                orDash(call.queue()),
                orDash(call.queueResult()),
                call.queueTimeS() == null ? "-" : call.queueTimeS() + " s",
                orDash(call.finalStatus()),
                call.pinUsedAt() == null ? "-" : OperatorInput.TIME.format(call.pinUsedAt())));
        table.print(context.out());
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    /** Left-aligned columns as wide as their widest cell. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void add(String... cells) {
            rows.add(cells);
        }

        void print(PrintStream out) {
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                var line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
