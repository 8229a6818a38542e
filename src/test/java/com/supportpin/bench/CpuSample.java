package com.supportpin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** CPU ticks from /proc of the machine, the server JVM, its PostgreSQL and this driver; two samples say who used the cores. */
record CpuSample(long nanos, long machineBusy, long machineTotal, long server, long postgres, long driver) {

    static CpuSample take(long serverPid, String dataDir) {
        long[] machine = machine();
        return new CpuSample(
                System.nanoTime(),
                machine[0],
                machine[1],
                ticks(serverPid),
                postgres(dataDir, serverPid),
                ticks(ProcessHandle.current().pid()));
    }

    /** Cores used by each party between two samples, out of {@code cores}. */
    record Split(
            double seconds,
            double server,
            double postgres,
            double driver,
            double other,
            double idle,
            long driverTicks) {}

    Split until(CpuSample later, int cores) {
        double total = later.machineTotal - machineTotal;
        double perCore = total / cores;
        if (perCore <= 0) {
            return new Split(0, 0, 0, 0, 0, 0, 0);
        }
        double busy = later.machineBusy - machineBusy;
        double server = (later.server - this.server) / perCore;
        double postgres = (later.postgres - this.postgres) / perCore;
        double driver = (later.driver - this.driver) / perCore;
        double other = Math.max(0, busy / perCore - server - postgres - driver);
        return new Split(
                (later.nanos - nanos) / 1e9,
                server,
                postgres,
                driver,
                other,
                Math.max(0, (total - busy) / perCore),
                later.driver - this.driver);
    }

    /** Busy and total ticks of all CPUs, from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of one process, 0 when it is gone. */
    static long ticks(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of /proc/PID/stat after the command name (so index 0 is the state, 1 the parent). */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long postgres(String dataDir, long serverPid) {
        var parents = new HashMap<Long, Long>();
        var roots = new HashSet<Long>();
        try (var processes = Files.list(Path.of("/proc"))) {
            processes
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid -> {
                        String[] fields = stat(pid);
                        if (fields != null) {
                            parents.put(pid, Long.parseLong(fields[1]));
                            if (pid != serverPid && cmdline(pid).contains(dataDir)) {
                                roots.add(pid);
                            }
                        }
                    });
        } catch (IOException e) {
            return 0;
        }
        long sum = 0;
        for (long pid : parents.keySet()) {
            if (descends(pid, roots, parents)) {
                sum += ticks(pid);
            }
        }
        return sum;
    }

    private static boolean descends(long pid, Set<Long> roots, Map<Long, Long> parents) {
        for (long current = pid, depth = 0; current > 1 && depth < 64; depth++) {
            if (roots.contains(current)) {
                return true;
            }
            current = parents.getOrDefault(current, 0L);
        }
        return false;
    }

    private static String cmdline(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                            StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
