package com.supportpin.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportpin.store.Database;
import com.supportpin.support.ContactCsv;
import com.supportpin.support.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming CSV import into real PostgreSQL. */
class ContactImportTest {

    private static Database database;
    private static Contacts contacts;

    @TempDir
    Path directory;

    @BeforeAll
    static void openDatabase() {
        database = Database.connect(TestDatabase.freshDatabaseUrl(), 4);
        database.migrate();
        contacts = new Contacts(database.jdbi(), new Passwords());
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    /** Records what an import reported. */
    static final class Recorder implements ContactImport.Listener {
        final List<ContactImport.Problem> problems = new ArrayList<>();
        final List<Long> commits = new ArrayList<>();

        @Override
        public void skipped(ContactImport.Problem problem) {
            problems.add(problem);
        }

        @Override
        public void committed(long rowsRead) {
            commits.add(rowsRead);
        }
    }

    @Test
    void fiveThousandExportedRowsImportInBatchesAndSignInWithTheirBcryptHash() throws IOException {
        Path file = ContactCsv.generate(directory, "bulk", 5_000);
        var recorder = new Recorder();
        System.gc();
        long heapBefore = usedHeap();
        long started = System.nanoTime();

        ContactImport.Summary summary = run(file, recorder);

        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "import of 5,000 rows: %.2f s, %.0f rows/s, heap after minus before %,d KiB%n",
                seconds, 5_000 / seconds, (usedHeap() - heapBefore) / 1024);
        assertThat(summary.rows()).isEqualTo(5_000);
        assertThat(summary.imported()).isEqualTo(5_000);
        assertThat(summary.skippedTotal()).isZero();
        assertThat(recorder.commits).hasSizeGreaterThanOrEqualTo(5).last().isEqualTo(5_000L);
        assertThat(contacts.signIn("bulk4321@example.com", ContactCsv.PASSWORD))
                .isPresent()
                .get()
                .satisfies(contact -> assertThat(contact.accountNumber()).isEqualTo("901440"));
        assertThat(contacts.signIn("BULK10@example.com", ContactCsv.PASSWORD))
                .get()
                .satisfies(contact -> assertThat(contact.name()).isEqualTo("Example, Customer 10"));
        assertThat(contacts.signIn("bulk11@example.com", "wrong password")).isEmpty();
    }

    @Test
    void importingTheSameFileAgainDuplicatesNobody() throws IOException {
        Path file = ContactCsv.generate(directory, "again", 1_500);
        run(file, new Recorder());
        long contactsBefore = countContacts();
        var recorder = new Recorder();

        ContactImport.Summary second = run(file, recorder);

        assertThat(second.imported()).isZero();
        assertThat(second.skipped()).containsEntry(ContactImport.Skip.ALREADY_PRESENT, 1_500L);
        assertThat(second.rejected()).isZero();
        assertThat(countContacts()).isEqualTo(contactsBefore);
        assertThat(recorder.problems.get(0).line()).isEqualTo(2);
        assertThat(recorder.problems.get(0).reason())
                .isEqualTo("a contact with e-mail again1@example.com already exists");
    }

    @Test
    void badRowsAreReportedWithTheirLineAndSkippedWhileGoodRowsImport() throws IOException {
        var recorder = new Recorder();
        ContactImport.Summary summary = run(
                new StringReader(String.join(
                        "\n",
                        "account_number,name,email,phone,password_hash",
                        "4001,Ann Good,ann@bad-rows.example.com,+14155550101," + ContactCsv.BCRYPT_HASH,
                        "4001,,nameless@bad-rows.example.com,," + ContactCsv.BCRYPT_HASH,
                        "4002,Bo Badmail,not-an-email,," + ContactCsv.BCRYPT_HASH,
                        "",
                        "4003,Cy Copy,ANN@bad-rows.example.com,," + ContactCsv.BCRYPT_HASH,
                        "40x4,Di Digits,di@bad-rows.example.com,," + ContactCsv.BCRYPT_HASH,
                        "4005,Ed Hash,ed@bad-rows.example.com,,$1$md5$notsupported",
                        "4006,Flo Phone,flo@bad-rows.example.com,555-0100," + ContactCsv.BCRYPT_HASH,
                        "4007,Gus Short,gus@bad-rows.example.com",
                        "\"4008\",\"Hal, Quoted\",hal@bad-rows.example.com,," + ContactCsv.BCRYPT_HASH)),
                recorder);

        assertThat(recorder.problems)
                .extracting(ContactImport.Problem::line, ContactImport.Problem::reason)
                .containsExactly(
                        Tuple.tuple(3L, "missing name"),
                        Tuple.tuple(4L, "e-mail address is not valid"),
                        Tuple.tuple(6L, "e-mail ANN@bad-rows.example.com is already on line 2"),
                        Tuple.tuple(7L, "account number must be 1 to 12 digits"),
                        Tuple.tuple(
                                8L, "password_hash is neither bcrypt ($2a$, $2b$, $2y$) nor an Argon2id PHC string"),
                        Tuple.tuple(9L, "phone must be in E.164 form, such as +14155550100"),
                        Tuple.tuple(10L, "missing password_hash or password"));
        assertThat(summary.imported()).isEqualTo(2);
        assertThat(summary.rows()).isEqualTo(9);
        assertThat(summary.skipped())
                .containsEntry(ContactImport.Skip.MISSING_FIELD, 2L)
                .containsEntry(ContactImport.Skip.INVALID, 4L)
                .containsEntry(ContactImport.Skip.DUPLICATE_IN_FILE, 1L);
        assertThat(contacts.signIn("hal@bad-rows.example.com", ContactCsv.PASSWORD))
                .get()
                .satisfies(contact -> assertThat(contact.name()).isEqualTo("Hal, Quoted"));
    }

    @Test
    void plainPasswordsAreHashedWithArgon2idOnSeveralThreads() throws IOException {
        var lines = new ArrayList<String>();
        lines.add("account_number,name,email,phone,password");
        for (int n = 1; n <= 12; n++) {
            lines.add("5001,Plain " + n + ",plain" + n + "@example.com,,plain password " + n);
        }
        lines.add("5001,Weak,weak@example.com,,password");
        var recorder = new Recorder();

        ContactImport.Summary summary = new ContactImport(database.jdbi(), new Passwords(), 5, 3)
                .run(new StringReader(String.join("\n", lines)), recorder);

        assertThat(summary.imported()).isEqualTo(12);
        assertThat(recorder.problems)
                .singleElement()
                .satisfies(problem -> assertThat(problem.reason()).isEqualTo("password is too common"));
        String stored = database.jdbi()
                .withHandle(handle -> handle.createQuery(
                                "SELECT password_hash FROM contact WHERE email = 'plain7@example.com'")
                        .mapTo(String.class)
                        .one());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("plain password");
        assertThat(contacts.signIn("plain7@example.com", "plain password 7")).isPresent();
    }

    @Test
    void anArgon2idHashFromElsewhereIsStoredAsIs() throws IOException {
        String argon = new Passwords().hash("argon password 1");
        // A PHC string holds commas (m=19456,t=2,p=1): a CSV export quotes it.
        run(
                new StringReader(
                        "account_number,name,email,phone,password_hash\n6001,Ari,ari@example.com,,\"" + argon + "\"\n"),
                new Recorder());

        assertThat(contacts.signIn("ari@example.com", "argon password 1")).isPresent();
    }

    @Test
    void anExternalIdColumnLinksEachContactToTheAccountCenterAndIsCheckedLikeTheRest() throws IOException {
        var recorder = new Recorder();
        String header = "account_number,name,email,phone,password,external_id\n";

        ContactImport.Summary summary = run(
                new StringReader(header
                        + "6101,Ext One,ext1@example.com,,correct horse 61,acme|6101\n"
                        + "6102,Ext Two,ext2@example.com,,correct horse 62,\n"
                        + "6103,Ext Three,ext3@example.com,,correct horse 63,acme|6101\n"
                        + "6104,Ext Four,ext4@example.com,,correct horse 64,has space\n"),
                recorder);

        assertThat(summary.imported()).isEqualTo(2);
        assertThat(recorder.problems)
                .extracting(ContactImport.Problem::line, ContactImport.Problem::kind)
                .containsExactly(
                        Tuple.tuple(4L, ContactImport.Skip.DUPLICATE_IN_FILE),
                        Tuple.tuple(5L, ContactImport.Skip.INVALID));
        Optional<ContactDao.Contact> linked =
                database.jdbi().withExtension(ContactDao.class, dao -> dao.findEnabledByExternalId("acme|6101"));
        assertThat(linked)
                .get()
                .satisfies(contact -> assertThat(contact.email()).isEqualTo("ext1@example.com"));

        var again = new Recorder();
        run(new StringReader(header + "6105,Ext Five,ext5@example.com,,correct horse 65,acme|6101\n"), again);
        assertThat(again.problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ContactImport.Skip.ALREADY_PRESENT);
            assertThat(problem.reason()).contains("external_id acme|6101");
        });
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedBeforeAnyRow() {
        assertThatThrownBy(() -> run(new StringReader("account,name,email\n1,A,a@example.com\n"), new Recorder()))
                .isInstanceOf(ContactImport.BadFile.class)
                .hasMessageContaining("the header lacks account_number, phone, password_hash or password");
        assertThatThrownBy(() -> run(new StringReader(""), new Recorder())).isInstanceOf(ContactImport.BadFile.class);
    }

    @Test
    void brokenCsvStopsTheImportWithTheLineKeepingTheBatchesAlreadyCommitted() {
        String text = "account_number,name,email,phone,password_hash\n"
                + "7001,Ok,ok@broken.example.com,," + ContactCsv.BCRYPT_HASH + "\n"
                + "7002,\"Unterminated,bad@broken.example.com,," + ContactCsv.BCRYPT_HASH + "\n";
        assertThatThrownBy(() -> new ContactImport(database.jdbi(), new Passwords(), 1, 1)
                        .run(new StringReader(text), new Recorder()))
                .isInstanceOf(ContactImport.BadFile.class)
                .hasMessageContaining("broken CSV after line")
                .hasMessageEndingWith("the 1 contacts read before it were imported");
        assertThat(contacts.signIn("ok@broken.example.com", ContactCsv.PASSWORD))
                .isPresent();
    }

    private static ContactImport.Summary run(Path file, ContactImport.Listener listener) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return run(reader, listener);
        }
    }

    private static ContactImport.Summary run(Reader reader, ContactImport.Listener listener) throws IOException {
        return new ContactImport(database.jdbi(), new Passwords(), ContactImport.DEFAULT_BATCH_SIZE, 2)
                .run(reader, listener);
    }

    private static long countContacts() {
        return database.jdbi().onDemand(ContactDao.class).count();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
