package com.supportpin.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.store.Database;
import com.supportpin.support.ContactCsv;
import com.supportpin.support.TestDatabase;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The 100,000-row import, timed, peak heap measured; on request only: {@code -Dtest=ContactImportBenchmark -Dimport.rows=100000}. */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "import.rows", matches = "[0-9]+")
class ContactImportBenchmark {

    @TempDir
    Path directory;

    @Test
    void importsTheGeneratedRowsOnceAndASecondRunImportsNone() throws Exception {
        int rows = Integer.parseInt(System.getProperty("import.rows"));
        Path file = ContactCsv.generate(directory, "bench", rows);
        try (Database database = Database.connect(TestDatabase.freshDatabaseUrl(), 4)) {
            database.migrate();
            var contactImport = new ContactImport(
                    database.jdbi(),
                    new Passwords(),
                    ContactImport.DEFAULT_BATCH_SIZE,
                    Runtime.getRuntime().availableProcessors());

            resetPeakHeap();
            long started = System.nanoTime();
            ContactImport.Summary first = run(contactImport, file);
            double firstSeconds = (System.nanoTime() - started) / 1e9;
            long firstPeak = peakHeap();

            resetPeakHeap();
            started = System.nanoTime();
            ContactImport.Summary second = run(contactImport, file);
            double secondSeconds = (System.nanoTime() - started) / 1e9;

            System.out.printf(
                    "%nimport of %,d rows (%,d KiB file): %.1f s, %,.0f rows/s, peak heap %,d MiB (-Xmx %,d MiB)%n",
                    rows,
                    Files.size(file) / 1024,
                    firstSeconds,
                    rows / firstSeconds,
                    firstPeak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(
                    "re-import of the same file: %.1f s, %,d imported, %,d already present, peak heap %,d MiB%n%n",
                    secondSeconds,
                    second.imported(),
                    second.skipped().getOrDefault(ContactImport.Skip.ALREADY_PRESENT, 0L),
                    peakHeap() >> 20);
            assertThat(first.imported()).isEqualTo(rows);
            assertThat(second.imported()).isZero();
            assertThat(new Contacts(database.jdbi(), new Passwords())
                            .signIn("bench" + rows + "@example.com", ContactCsv.PASSWORD))
                    .isPresent();
        }
    }

    private static ContactImport.Summary run(ContactImport contactImport, Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return contactImport.run(reader, new ContactImport.Listener() {
                @Override
                public void skipped(ContactImport.Problem problem) {}

                @Override
                public void committed(long rowsRead) {}
            });
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the live heap at any moment. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
