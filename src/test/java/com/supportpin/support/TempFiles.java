package com.supportpin.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing what a test left in the temporary directory. */
public final class TempFiles {

    private TempFiles() {}

    /** Deletes {@code root} and everything under it; what cannot be deleted is left. */
    public static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a file still held by a dying process: the OS cleans the temporary directory later
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
