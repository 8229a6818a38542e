package com.supportpin.contact;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;

/** Imports contacts from CSV as a stream, in committed batches; bad rows are reported and skipped, known e-mails left alone. */
public final class ContactImport {

    public static final List<String> REQUIRED_COLUMNS = List.of("account_number", "name", "email", "phone");
    public static final int DEFAULT_BATCH_SIZE = 1000;

    /** Why a row was skipped. */
    public enum Skip {
        MISSING_FIELD("missing a field"),
        INVALID("invalid"),
        DUPLICATE_IN_FILE("repeated in the file"),
        ALREADY_PRESENT("already present");

        private final String description;

        Skip(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A skipped row: its line in the file (where the record ends) and why. */
    public record Problem(long line, Skip kind, String reason) {}

    /** Told about each skipped row and, after each committed batch, how many rows were read. */
    public interface Listener {
        void skipped(Problem problem);

        void committed(long rowsRead);
    }

    /** Thrown when the file cannot be imported at all (no header, a missing column, broken CSV). */
    public static final class BadFile extends RuntimeException {
        public BadFile(String message) {
            super(message);
        }
    }

    /** What an import did. */
    public record Summary(long rows, long imported, Map<Skip, Long> skipped) {
        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Rows that need fixing: everything skipped except contacts that were already there. */
        public long rejected() {
            return skippedTotal() - skipped.getOrDefault(Skip.ALREADY_PRESENT, 0L);
        }
    }

    private record Row(
            long line,
            String accountNumber,
            String name,
            String email,
            String phone,
            Future<String> passwordHash,
            String externalId) {}

    private final Jdbi jdbi;
    private final Passwords passwords;
    private final int batchSize;
    private final int hashingThreads;

    public ContactImport(Jdbi jdbi, Passwords passwords, int batchSize, int hashingThreads) {
        if (batchSize < 1 || hashingThreads < 1) {
            throw new IllegalArgumentException("batch size and hashing threads must be positive");
        }
        this.jdbi = jdbi;
        this.passwords = passwords;
        this.batchSize = batchSize;
        this.hashingThreads = hashingThreads;
    }

    /** Reads the CSV to the end, committing batch by batch. */
    public Summary run(Reader csv, Listener listener) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        var counts = new HashMap<Skip, Long>();
        Listener counting = new Listener() {
            @Override
            public void skipped(Problem problem) {
                counts.merge(problem.kind(), 1L, Long::sum);
                listener.skipped(problem);
            }

            @Override
            public void committed(long rowsRead) {
                listener.committed(rowsRead);
            }
        };
        ExecutorService hashing = Executors.newFixedThreadPool(hashingThreads, new HashingThreads());
        try (CSVParser parser = open(csv, format)) {
            checkHeader(parser.getHeaderNames());
            boolean plainPasswords =
                    parser.getHeaderNames().stream().anyMatch(name -> name.equalsIgnoreCase("password"));
            var firstLineOfEmail = new HashMap<String, Long>();
            // At most two batches in flight: one being hashed while the next is read, so memory stays bounded.
            Deque<List<Row>> pending = new ArrayDeque<>();
            List<Row> batch = new ArrayList<>(batchSize);
            long rows = 0;
            long imported = 0;
            var records = parser.iterator();
            while (true) {
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                } catch (UncheckedIOException | IllegalStateException e) {
                    // Keep what was read before the damage: a re-run after the fix skips those rows.
                    pending.add(batch);
                    imported += drain(pending, rows, counting);
                    throw new BadFile("broken CSV after line " + parser.getCurrentLineNumber() + " ("
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + "); the "
                            + imported + " contacts read before it were imported");
                }
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                rows++;
                CsvFields fields = CsvFields.of(record, plainPasswords);
                Optional<Problem> problem = fields.problem(line, firstLineOfEmail);
                if (problem.isPresent()) {
                    counting.skipped(problem.get());
                    continue;
                }
                batch.add(new Row(
                        line,
                        fields.accountNumber(),
                        fields.name(),
                        fields.email(),
                        fields.phone().isEmpty() ? null : fields.phone(),
                        passwordHash(fields, hashing),
                        fields.externalId().isEmpty() ? null : fields.externalId()));
                if (batch.size() == batchSize) {
                    pending.add(batch);
                    batch = new ArrayList<>(batchSize);
                    if (pending.size() > 1) {
                        imported += write(pending.poll(), counting);
                        counting.committed(rows);
                    }
                }
            }
            pending.add(batch);
            imported += drain(pending, rows, counting);
            return new Summary(rows, imported, Map.copyOf(counts));
        } finally {
            hashing.shutdownNow();
        }
    }

    private static CSVParser open(Reader csv, CSVFormat format) throws IOException {
        try {
            return CSVParser.builder().setReader(csv).setFormat(format).get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new BadFile("cannot read the CSV header: " + e.getMessage());
        }
    }

    private static void checkHeader(List<String> header) {
        Set<String> names = new LinkedHashSet<>();
        header.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        var missing = new ArrayList<String>();
        REQUIRED_COLUMNS.stream().filter(column -> !names.contains(column)).forEach(missing::add);
        if (!names.contains("password_hash") && !names.contains("password")) {
            missing.add("password_hash or password");
        }
        if (!missing.isEmpty()) {
            throw new BadFile(
                    "the header lacks " + String.join(", ", missing) + "; the first line must name the columns "
                            + "account_number,name,email,phone and password_hash or password");
        }
    }

    /** Writes every batch still pending and reports the rows read; returns how many contacts were new. */
    private long drain(Deque<List<Row>> pending, long rowsRead, Listener listener) {
        long imported = 0;
        while (!pending.isEmpty()) {
            imported += write(pending.poll(), listener);
        }
        listener.committed(rowsRead);
        return imported;
    }

    /** The given hash, or the plain password hashed on the pool while the next records are read. */
    private Future<String> passwordHash(CsvFields fields, ExecutorService hashing) {
        return fields.hash().isEmpty()
                ? hashing.submit(() -> passwords.hash(fields.password()))
                : CompletableFuture.completedFuture(fields.hash());
    }

    /** Inserts one batch in one transaction; returns how many contacts were new. */
    private long write(List<Row> batch, Listener listener) {
        if (batch.isEmpty()) {
            return 0;
        }
        var hashes = new ArrayList<String>(batch.size());
        for (Row row : batch) {
            hashes.add(await(row.passwordHash()));
        }
        String[] accountNumbers =
                batch.stream().map(Row::accountNumber).distinct().toArray(String[]::new);
        int[] inserted = jdbi.inTransaction(handle -> {
            ContactImportDao dao = handle.attach(ContactImportDao.class);
            dao.insertAccounts(accountNumbers);
            Map<String, Long> accountIds = dao.accountIds(accountNumbers);
            var contacts = new ArrayList<ContactImportDao.NewContact>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                contacts.add(new ContactImportDao.NewContact(
                        accountIds.get(row.accountNumber()),
                        row.name(),
                        row.email(),
                        row.phone(),
                        hashes.get(i),
                        row.externalId()));
            }
            return dao.insertContacts(contacts);
        });
        long count = 0;
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] > 0) {
                count++;
            } else {
                listener.skipped(new Problem(
                        batch.get(i).line(),
                        Skip.ALREADY_PRESENT,
                        "a contact with e-mail " + batch.get(i).email()
                                + (batch.get(i).externalId() == null
                                        ? ""
                                        : " or external_id " + batch.get(i).externalId())
                                + " already exists"));
            }
        }
        return count;
    }

    private static String await(Future<String> hash) {
        try {
            return hash.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing passwords", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing a password failed", e.getCause());
        }
    }

    /** Daemon threads, so an aborted import never keeps the JVM alive. */
    private static final class HashingThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "password-hashing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
