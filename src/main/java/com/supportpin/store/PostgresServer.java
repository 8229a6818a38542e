package com.supportpin.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.postgresql.util.PasswordUtil;

/** One PostgreSQL server on one data directory; every setting on its command line, which outranks postgresql.conf. */
public final class PostgresServer {

    /** How {@link #stop} ends the server; PostgreSQL's own shutdown modes. */
    public enum StopMode {
        /** Roll back open transactions, disconnect, checkpoint: a clean stop. */
        FAST,
        /** Exit at once without a checkpoint, as a crash would; the next start replays the WAL. */
        IMMEDIATE
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final PostgresBinaries binaries;
    private final Path dataDirectory;
    private final Path logFile;

    public PostgresServer(PostgresBinaries binaries, Path dataDirectory, Path logFile) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.logFile = logFile.toAbsolutePath().normalize();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** True when {@link #initdb} has made a cluster in the data directory. */
    public boolean initialised() {
        return Files.isRegularFile(dataDirectory.resolve("PG_VERSION"));
    }

    /** Makes a cluster whose superuser signs in with SCRAM-SHA-256 only, with the password in {@code passwordFile}. */
    public void initdb(Path passwordFile) {
        run(
                binaries.command(
                        "initdb",
                        List.of(
                                "-D",
                                dataDirectory.toString(),
                                "-U",
                                "postgres",
                                "--pwfile=" + passwordFile.toAbsolutePath(),
                                "-A",
                                "scram-sha-256",
                                "-E",
                                "UTF-8",
                                "--locale=C",
                                "--no-instructions")),
                null);
    }

    /** Sets the superuser's password in single-user mode, as a SCRAM verifier computed here: nothing crosses a socket. */
    public void setSuperuserPassword(String password) {
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        String output = run(
                binaries.command(
                        "postgres", List.of("--single", "-D", dataDirectory.toString(), "-c", "fsync=on", "postgres")),
                "ALTER ROLE postgres PASSWORD '" + verifier + "';\n");
        if (output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IllegalStateException("could not set the PostgreSQL superuser's password under " + dataDirectory
                    + ":\n" + output.replace(verifier, "<verifier>"));
        }
    }

    /** Replaces pg_hba.conf: who may connect, how. */
    public void writeHba(List<String> lines) {
        try {
            Files.writeString(
                    dataDirectory.resolve("pg_hba.conf"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf under " + dataDirectory, e);
        }
    }

    /** Starts the server and waits until it accepts connections (after crash recovery, when needed). */
    public void start(int port, Map<String, String> settings) {
        var options = new StringBuilder("-p ").append(port);
        settings.forEach((name, value) -> {
            if (!name.matches("[a-z_.]+") || !value.matches("[A-Za-z0-9_.:/,*=-]*")) {
                throw new IllegalArgumentException("unsupported server setting " + name + "=" + value);
            }
            options.append(" -c ").append(name).append('=').append(value);
        });
        run(
                binaries.command(
                        "pg_ctl",
                        List.of(
                                "start",
                                "-D",
                                dataDirectory.toString(),
                                "-l",
                                logFile.toString(),
                                "-w",
                                "-t",
                                "90",
                                "-o",
                                options.toString())),
                null);
    }

    /** Stops the server and waits until it has. */
    public void stop(StopMode mode) {
        run(
                binaries.command(
                        "pg_ctl",
                        List.of(
                                "stop",
                                "-D",
                                dataDirectory.toString(),
                                "-m",
                                mode.name().toLowerCase(Locale.ROOT),
                                "-w",
                                "-t",
                                "60")),
                null);
    }

    /** The postmaster's process id while the server runs (from postmaster.pid, when that process lives). */
    public OptionalLong postmasterPid() {
        return postmasterPid(dataDirectory);
    }

    /** {@link #postmasterPid()} of the server on {@code dataDirectory}, without knowing its programs. */
    public static OptionalLong postmasterPid(Path dataDirectory) {
        return postmasterFile(dataDirectory)
                .filter(lines -> !lines.isEmpty())
                .map(lines -> Long.parseLong(lines.get(0).trim()))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    /** The port the server running on {@code dataDirectory} listens on (postmaster.pid's fourth line). */
    public static Optional<Integer> runningPort(Path dataDirectory) {
        if (postmasterPid(dataDirectory).isEmpty()) {
            return Optional.empty();
        }
        return postmasterFile(dataDirectory)
                .filter(lines -> lines.size() >= 4)
                .map(lines -> Integer.parseInt(lines.get(3).trim()));
    }

    private static Optional<List<String>> postmasterFile(Path dataDirectory) {
        try {
            return Optional.of(Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException absent) {
            return Optional.empty();
        }
    }

    /** A TCP port nobody listens on right now. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Runs a PostgreSQL program to its end; its output is returned, or quoted in the exception when it fails. */
    private String run(List<String> command, String input) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new StringBuilder();
            var reader = new Thread(
                    () -> {
                        try {
                            output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                        } catch (IOException ignored) {
                            // the process went away; its exit code says what happened
                        }
                    },
                    "postgres-output");
            reader.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            reader.join(5_000);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(new ArrayList<>(command)
                                .stream()
                                        .filter(word -> !word.startsWith("--pwfile"))
                                        .reduce((a, b) -> a + " " + b)
                                        .orElse("")
                        + " failed (exit " + process.exitValue() + "):\n" + output + logTail());
            }
            return output.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The end of the server log, which says why a start failed. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\n" + logFile + " ends with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }
}
