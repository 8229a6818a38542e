package com.supportpin.store;

import com.supportpin.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secrets that embedded mode generates once and keeps in DATA_DIR, readable only by the owner. */
public final class DataDirSecrets {

    private static final SecureRandom random = new SecureRandom();

    private DataDirSecrets() {}

    /** Embedded mode keeps generated secrets in DATA_DIR; with DATABASE_URL they must be configured. */
    public static Config resolve(Config config) {
        if (config.twilioAuthToken().isPresent() && config.appSecret().isPresent()) {
            return config;
        }
        String token = config.twilioAuthToken().orElseGet(() -> loadOrCreate(config.dataDir(), "twilio-auth-token"));
        String secret = config.appSecret().orElseGet(() -> loadOrCreate(config.dataDir(), "app-secret"));
        return config.withSecrets(token, secret);
    }

    /** Reads {@code DATA_DIR/name}, creating it with 32 random bytes on first use. */
    public static String loadOrCreate(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String secret = name.contains("twilio")
                    ? HexFormat.of().formatHex(bytes, 0, 16)
                    : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                // created owner-only, so there is no moment at which others could read it
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                // not a POSIX file system: the data directory's own permissions apply
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
