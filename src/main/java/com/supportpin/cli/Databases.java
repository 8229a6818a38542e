package com.supportpin.cli;

import com.supportpin.Config;
import com.supportpin.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens the configured database for a one-shot command. */
final class Databases {

    private Databases() {
    }

    /**
     * Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR. When a running
     * {@code serve} already holds that embedded database, connects to it instead, so operator commands
     * work while the service runs.
     */
    static Database open(Config config) {
        if (config.databaseUrl().isPresent()) {
            return Database.connect(config.databaseUrl().get(), 4);
        }
        try {
            return Database.startEmbedded(config.dataDir(), 4);
        } catch (RuntimeException inUse) {
            return runningEmbeddedPort(config.dataDir())
                    .map(port -> Database.connect("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres", 4))
                    .orElseThrow(() -> inUse);
        }
    }

    /** The port in PostgreSQL's postmaster.pid (its fourth line), when the server under DATA_DIR runs. */
    private static Optional<Integer> runningEmbeddedPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            if (lines.size() < 4 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
