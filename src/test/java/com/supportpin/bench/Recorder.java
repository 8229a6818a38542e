package com.supportpin.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One worker's latencies per step (in nanoseconds), errors and completed units; merged after a phase. */
final class Recorder {

    /** A step's merged figures. */
    record StepFigures(String step, int count, long errors, long p50, long p95, long p99, long max, long slow) {}

    /** Answers at or over this are counted as {@code slow}: past it a caller has long heard dead air. */
    static final long SLOW_NANOS = 3_000_000_000L;

    private final Map<String, long[]> samples = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final Map<String, Long> errors = new LinkedHashMap<>();
    long completions;
    String firstError;

    void latency(String step, long nanos) {
        long[] values = samples.computeIfAbsent(step, name -> new long[4096]);
        int size = sizes.getOrDefault(step, 0);
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            samples.put(step, values);
        }
        values[size] = nanos;
        sizes.put(step, size + 1);
    }

    void error(String step, String description) {
        errors.merge(step, 1L, Long::sum);
        samples.computeIfAbsent(step, name -> new long[16]);
        sizes.putIfAbsent(step, 0);
        if (firstError == null) {
            firstError = step + ": " + description;
        }
    }

    static Map<String, StepFigures> merge(List<Recorder> recorders) {
        var merged = new LinkedHashMap<String, StepFigures>();
        var steps = new LinkedHashSet<String>();
        recorders.forEach(recorder -> steps.addAll(recorder.samples.keySet()));
        for (String step : steps) {
            int total = recorders.stream()
                    .mapToInt(recorder -> recorder.sizes.getOrDefault(step, 0))
                    .sum();
            long[] all = new long[total];
            int at = 0;
            long errorCount = 0;
            for (Recorder recorder : recorders) {
                int size = recorder.sizes.getOrDefault(step, 0);
                if (size > 0) {
                    System.arraycopy(recorder.samples.get(step), 0, all, at, size);
                    at += size;
                }
                errorCount += recorder.errors.getOrDefault(step, 0L);
            }
            Arrays.sort(all);
            merged.put(
                    step,
                    new StepFigures(
                            step,
                            total,
                            errorCount,
                            percentile(all, 0.50),
                            percentile(all, 0.95),
                            percentile(all, 0.99),
                            total == 0 ? 0 : all[total - 1],
                            atLeast(all, SLOW_NANOS)));
        }
        return merged;
    }

    private static long atLeast(long[] sorted, long nanos) {
        int index = Arrays.binarySearch(sorted, nanos);
        if (index < 0) {
            return sorted.length - (-index - 1);
        }
        while (index > 0 && sorted[index - 1] == nanos) {
            index--;
        }
        return sorted.length - index;
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
