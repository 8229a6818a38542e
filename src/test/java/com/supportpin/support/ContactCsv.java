package com.supportpin.support;

import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Bcrypt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes contact CSV files for import tests, streaming, as an account center's export would look. */
public final class ContactCsv {

    public static final String HEADER = "account_number,name,email,phone,password_hash";
    /** The password of every generated row. */
    public static final String PASSWORD = "imported secret 42";
    /** One bcrypt hash (cost 10, $2b$) of {@link #PASSWORD}, made once: hashing 100,000 would take hours. */
    public static final String BCRYPT_HASH = Password.hash(PASSWORD)
            .with(BcryptFunction.getInstance(Bcrypt.B, 10))
            .getResult();

    private ContactCsv() {}

    /** A file of {@code rows} valid contacts with password_hash, e-mails {@code prefix<n>@example.com}. */
    public static Path generate(Path directory, String prefix, int rows) {
        Path file = directory.resolve(prefix + "-" + rows + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int n = 1; n <= rows; n++) {
                // about three contacts per account, some names quoted as a real export has them
                out.write(String.valueOf(900_000 + n / 3));
                out.write(n % 10 == 0 ? ",\"Example, Customer " + n + "\"," : ",Customer " + n + ",");
                out.write(prefix + n + "@example.com,");
                out.write(n % 2 == 0 ? "+1415555" + String.format("%04d", n % 10_000) : "");
                out.write(',');
                out.write(BCRYPT_HASH);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes a file from literal lines (header included). */
    public static Path write(Path directory, String name, String... lines) {
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
