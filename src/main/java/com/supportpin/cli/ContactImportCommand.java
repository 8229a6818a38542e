package com.supportpin.cli;

import com.supportpin.contact.ContactImport;
import com.supportpin.contact.Passwords;
import com.supportpin.store.Database;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contacts import FILE.csv}: bulk-loads contacts exported from an account center. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import contacts from a CSV file with the header account_number,name,email,phone and"
                    + " password_hash (bcrypt or Argon2id, stored as is) or password (hashed here); an optional"
                    + " external_id column links each contact to its account center id (OIDC sign-in, /api/v1).",
            "Bad rows are reported with their line number and skipped; contacts whose e-mail already exists are"
                    + " left alone, so the same file can be imported again safely."
        })
public final class ContactImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.csv", description = "the CSV file (UTF-8)")
    Path file;

    @Option(
            names = "--batch-size",
            defaultValue = "" + ContactImport.DEFAULT_BATCH_SIZE,
            description = "rows per committed batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--threads", description = "threads hashing plain passwords (default: one per core)")
    Integer threads;

    @Option(
            names = "--max-problems",
            defaultValue = "100",
            description = "skipped rows to list one by one, 0 for all (default: ${DEFAULT-VALUE}); all are counted")
    int maxProblems;

    private final Cli.Context context;

    public ContactImportCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1 || batchSize > 100_000 || (threads != null && threads < 1)) {
            context.err().println("error: --batch-size must be 1 to 100000 and --threads at least 1");
            return 2;
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            context.err().println("error: " + file + " does not exist: give the path of the CSV file to import");
            return 1;
        }
        int hashingThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        var progress = new Progress(System.console() != null, size);
        long started = System.nanoTime();
        ContactImport.Summary summary;
        try (var counted = new CountingInputStream(Files.newInputStream(file));
                var reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
                Database database = context.openDatabase(4)) {
            started = System.nanoTime();
            long importStarted = started;
            var contactImport = new ContactImport(database.jdbi(), new Passwords(), batchSize, hashingThreads);
            summary = contactImport.run(reader, new ContactImport.Listener() {
                private long shown;

                @Override
                public void skipped(ContactImport.Problem problem) {
                    if (maxProblems == 0 || shown < maxProblems) {
                        progress.clear();
                        context.err()
                                .println(file.getFileName() + ": line " + problem.line() + ": " + problem.reason());
                    } else if (shown == maxProblems) {
                        progress.clear();
                        context.err().println("(more skipped rows are counted but not listed: see --max-problems)");
                    }
                    shown++;
                }

                @Override
                public void committed(long rowsRead) {
                    progress.show(rowsRead, counted.count(), importStarted);
                }
            });
        } catch (ContactImport.BadFile bad) {
            progress.clear();
            context.err().println("error: " + file + ": " + bad.getMessage());
            return 1;
        }
        progress.clear();
        double seconds = (System.nanoTime() - started) / 1e9;
        context.out().println(describe(summary, seconds));
        if (summary.rejected() > 0) {
            context.err()
                    .println(
                            "error: " + summary.rejected() + " row" + (summary.rejected() == 1 ? " was" : "s were")
                                    + " skipped (listed above): fix them and import the file again; contacts already imported stay as they are");
            return 1;
        }
        return 0;
    }

    static String describe(ContactImport.Summary summary, double seconds) {
        var text = new StringBuilder(String.format(
                "imported %,d contact%s from %,d row%s",
                summary.imported(),
                summary.imported() == 1 ? "" : "s",
                summary.rows(),
                summary.rows() == 1 ? "" : "s"));
        if (summary.skippedTotal() > 0) {
            text.append(String.format("; skipped %,d:", summary.skippedTotal()));
            String separator = " ";
            for (ContactImport.Skip kind : ContactImport.Skip.values()) {
                long count = summary.skipped().getOrDefault(kind, 0L);
                if (count > 0) {
                    text.append(separator).append(String.format("%,d %s", count, kind.description()));
                    separator = ", ";
                }
            }
        }
        text.append(String.format(" in %.1f s", seconds));
        if (seconds >= 1 && summary.rows() >= 100) {
            text.append(String.format(" (%,.0f rows/s)", summary.rows() / seconds));
        }
        return text.toString();
    }

    /** A one-line progress bar, drawn only on a terminal. */
    private final class Progress {
        private final boolean enabled;
        private final long totalBytes;
        private boolean drawn;

        Progress(boolean enabled, long totalBytes) {
            this.enabled = enabled;
            this.totalBytes = Math.max(totalBytes, 1);
        }

        void show(long rows, long bytes, long startedNanos) {
            if (!enabled) {
                return;
            }
            double fraction = Math.min(1.0, (double) bytes / totalBytes);
            int filled = (int) Math.round(fraction * 30);
            double seconds = Math.max((System.nanoTime() - startedNanos) / 1e9, 0.001);
            context.out()
                    .printf(
                            "\r[%s%s] %3.0f%%  %,d rows  %,.0f rows/s ",
                            "#".repeat(filled), ".".repeat(30 - filled), fraction * 100, rows, rows / seconds);
            context.out().flush();
            drawn = true;
        }

        void clear() {
            if (drawn) {
                context.out().print("\r" + " ".repeat(78) + "\r");
                context.out().flush();
                drawn = false;
            }
        }
    }

    /** Counts the bytes read, for the progress bar's percentage. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        long count() {
            return count;
        }
    }
}
