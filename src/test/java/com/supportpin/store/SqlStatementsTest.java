package com.supportpin.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportpin.App;
import com.supportpin.bench.BenchServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;

/**
 * Every SqlObject statement, read as Jdbi reads it: multi-part statements live whole in .sql files next to
 * their interface, and every statement that consumes a PIN contains the canonical check-and-consume block.
 */
class SqlStatementsTest {

    private static final ClasspathSqlLocator FILES = ClasspathSqlLocator.removingComments();
    private static final String CANONICAL_CONSUME = "com/supportpin/pin/pin-consume.sql";
    private static final Pattern CONSUMES = Pattern.compile("UPDATE\\s+support_pin\\s+\\w+\\s+SET\\s+used_at\\s*=");

    /** One SqlObject method and the statement Jdbi runs for it. */
    record Statement(String where, boolean fromFile, String sql) {}

    @Test
    void everyStatementThatConsumesAPinContainsTheCanonicalBlock() {
        String canonical = FILES.getResource(CANONICAL_CONSUME);
        List<Statement> consuming = statements(App.class, BenchServer.class).stream()
                .filter(statement -> CONSUMES.matcher(statement.sql()).find())
                .toList();
        assertThat(consuming)
                .extracting(Statement::where)
                .contains(
                        "PinDao.consumeAndAudit",
                        "CallShortcuts$PinVerification.verifyAndEnqueue",
                        "BenchServer$BaselineConsume.consume");
        assertThat(consuming)
                .allSatisfy(statement -> assertThat(containsBlock(statement.sql(), canonical))
                        .as("%s contains %s unchanged", statement.where(), CANONICAL_CONSUME)
                        .isTrue());
    }

    @Test
    void aWeakenedConsumeDoesNotPassForTheCanonicalBlock() {
        String canonical = FILES.getResource(CANONICAL_CONSUME);
        String withoutGuard = canonical.replaceAll("(?s)\\s+AND NOT EXISTS.*", "");
        String otherwise = canonical.replace("p.revoked_at IS NULL", "p.revoked_at IS NOT NULL");
        assertThat(containsBlock("WITH consumed AS (" + canonical + " RETURNING 1) SELECT 1", canonical))
                .isTrue();
        assertThat(containsBlock(withoutGuard + " RETURNING p.account_id", canonical))
                .isFalse();
        assertThat(containsBlock(otherwise, canonical)).isFalse();
    }

    @Test
    void multiPartStatementsAreFilesAndEveryFileBelongsToAMethod() throws IOException {
        List<Statement> statements = statements(App.class);
        assertThat(statements)
                .filteredOn(statement -> !statement.fromFile())
                .allSatisfy(statement -> assertThat(statement.sql().strip().toUpperCase(Locale.ROOT))
                        .as("%s is a multi-part statement: give it a .sql file", statement.where())
                        .doesNotStartWith("WITH"));
        assertThat(statements).filteredOn(Statement::fromFile).hasSizeGreaterThanOrEqualTo(10);

        Path classes = root(App.class);
        List<String> used = statements.stream()
                .filter(Statement::fromFile)
                .map(statement -> statement.where().replace('.', '/') + ".sql")
                .toList();
        try (Stream<Path> files = Files.walk(classes.resolve("com/supportpin"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".sql"))
                            .filter(file ->
                                    file.getParent().getFileName().toString().matches("[A-Z].*"))
                            .map(file -> classes.resolve("com/supportpin")
                                    .relativize(file)
                                    .toString()))
                    .allSatisfy(file ->
                            assertThat(used).as("statement files in use").anyMatch(where -> file.endsWith(where)));
        }
    }

    /** True when {@code sql} holds {@code block} verbatim, whitespace aside. */
    static boolean containsBlock(String sql, String block) {
        return squeeze(sql).contains(squeeze(block));
    }

    private static String squeeze(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    /** Every statement of every SqlObject interface compiled beside these classes. */
    static List<Statement> statements(Class<?>... besides) {
        var statements = new ArrayList<Statement>();
        for (Class<?> beside : besides) {
            Path root = root(beside);
            try (Stream<Path> files = Files.walk(root.resolve("com/supportpin"))) {
                for (Path file :
                        files.filter(file -> file.toString().endsWith(".class")).toList()) {
                    String name =
                            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name, false, beside.getClassLoader());
                    if (type.isInterface()) {
                        statementsOf(type, statements);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return statements;
    }

    private static void statementsOf(Class<?> type, List<Statement> into) {
        for (Method method : type.getDeclaredMethods()) {
            String value;
            if (method.isAnnotationPresent(SqlQuery.class)) {
                value = method.getAnnotation(SqlQuery.class).value();
            } else if (method.isAnnotationPresent(SqlUpdate.class)) {
                value = method.getAnnotation(SqlUpdate.class).value();
            } else {
                continue;
            }
            String where = type.getName().substring(type.getPackageName().length() + 1) + "." + method.getName();
            boolean fromFile = method.isAnnotationPresent(UseClasspathSqlLocator.class)
                    || type.isAnnotationPresent(UseClasspathSqlLocator.class);
            String sql = fromFile ? FILES.locate(type, value.isEmpty() ? method.getName() : value) : value;
            into.add(new Statement(where, fromFile, sql));
        }
    }

    private static Path root(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
