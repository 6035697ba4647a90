package concurrencyclaims.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measurement as the runtime reports it. Times are measured around the work itself (inside the runtime), so an
 * interpreter's start-up is not counted unless the model starts processes as part of the work.
 *
 * @param wallSeconds  elapsed time of the whole job
 * @param cpuSeconds   user + system CPU time of everything the job ran (threads, child processes)
 * @param checksum     the workload's result; must equal the reference for the same size
 * @param peakRssKiB   peak resident set size of the runtime's process (tree) in KiB, or -1 when unknown
 * @param details      anything else the runtime reports (interpreter version, GIL state, start method...)
 */
public record Sample(double wallSeconds, double cpuSeconds, long checksum, long peakRssKiB, Map<String, Object> details) {
    /**
     * Detail key: seconds from the first worker starting its work to the last one finishing it, where a model pays a
     * start-up (a child JVM, say) that the wall time includes but that says nothing about parallel execution.
     */
    public static final String WORK_SPAN = "work_span_s";
    /**
     * Detail key: CPU seconds the workers spent on their work, all together (not starting up); over the work span it
     * is the work's utilisation, which a straggler lowers.
     */
    public static final String WORK_CPU = "work_cpu_s";
    /**
     * Detail key: how many cores the work kept busy at once, on average over its CPU time. Each worker's CPU is spread
     * evenly over its own interval; c(t), the sum of the rates of the workers running at t, is how many cores were
     * busy at t, and the statistic is the mean of c weighted by c itself, ∫c² dt / ∫c dt. Workers that each had a
     * core throughout give N, workers that took turns (disjoint intervals) or shared one core give 1, whatever N; a
     * straggler on a slower core costs it less than it costs the work's CPU over its span, as it is taken within one
     * sample, in which a core's speed drift between samples does not enter.
     */
    public static final String WORK_PARALLELISM = "work_parallelism";
    /**
     * Detail key: each worker's {@code [start_ns, end_ns, cpu_ns]}, start and end of its work on the machine-wide
     * monotonic clock and the CPU it spent on it; what a language driver reports and the other work figures come from.
     */
    public static final String WORK_INTERVALS = "work_intervals";
    /**
     * Detail key, for a runtime inside the harness's JVM: CPU seconds of the threads it ran for this sample alone, so
     * that the rest of the JVM's CPU meanwhile (its JIT compiler, its collector) can be told apart.
     */
    public static final String OWN_CPU = "own_cpu_s";
    /**
     * Detail key, for a sample run in a process this JVM does not reap (a forked copy of an interpreter kept for the
     * run): all the CPU seconds of that process and its reaped descendants, its untimed parts too (importing the
     * workload, exiting), which would otherwise count as another process's load.
     */
    public static final String PROCESS_CPU = "process_cpu_s";
    /**
     * Detail key: true where a runtime that runs the model in the harness's JVM ran this sample in a process started
     * for it instead (many_waits' threads), so that its CPU is the sample's, not other processes' load.
     */
    public static final String FRESH_PROCESS = "fresh_process";

    /** Whether this sample of a model the runtime runs in this JVM ran in this JVM. */
    public boolean ranInThisJvm(boolean modelRunsInThisJvm) {
        return modelRunsInThisJvm && !Boolean.TRUE.equals(details.get(FRESH_PROCESS));
    }

    /** The figure {@code key} the workload reported in its details; a missing one is an error that says what there is. */
    public double figure(String key) {
        if (details.get(key) instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalStateException("the workload reported no figure '" + key + "' (it reported "
                + details.keySet() + ")");
    }

    public Sample {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The work span where the runtime reports one, else the wall time. */
    public double workSeconds() {
        return details.get(WORK_SPAN) instanceof Number span ? span.doubleValue() : wallSeconds;
    }

    public double utilisation() {
        return wallSeconds > 0 ? cpuSeconds / wallSeconds : Double.NaN;
    }

    /** {@link #WORK_PARALLELISM} where the runtime timed each worker, else the work's utilisation. */
    public double workParallelism() {
        return details.get(WORK_PARALLELISM) instanceof Number p ? p.doubleValue() : workUtilisation();
    }

    /**
     * {@link #WORK_SPAN}, {@link #WORK_CPU}, {@link #WORK_PARALLELISM} and {@link #WORK_INTERVALS} of workers that
     * timed their own work: each one's start and end on the machine-wide monotonic clock and the CPU it spent, in
     * nanoseconds. The one place these figures are computed, for every runtime.
     */
    public static Map<String, Object> workDetails(long[] startNs, long[] endNs, long[] cpuNs) {
        if (startNs.length != endNs.length || startNs.length != cpuNs.length || startNs.length == 0) {
            throw new IllegalArgumentException("work intervals need a start, an end and a CPU time for each of at"
                    + " least one worker, got " + startNs.length + ", " + endNs.length + " and " + cpuNs.length);
        }
        long span = java.util.Arrays.stream(endNs).max().orElseThrow()
                - java.util.Arrays.stream(startNs).min().orElseThrow();
        List<List<Long>> intervals = new ArrayList<>();
        for (int i = 0; i < startNs.length; i++) {
            intervals.add(List.of(startNs[i], endNs[i], cpuNs[i]));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(WORK_SPAN, span / 1e9);
        details.put(WORK_CPU, java.util.Arrays.stream(cpuNs).sum() / 1e9);
        double parallelism = parallelism(startNs, endNs, cpuNs);
        if (!Double.isNaN(parallelism)) {  // no CPU measured at all: the work's utilisation stands in, as elsewhere
            details.put(WORK_PARALLELISM, parallelism);
        }
        details.put(WORK_INTERVALS, intervals);
        return details;
    }

    /**
     * {@link #workDetails(long[], long[], long[])} of intervals as a driver reports them: a list of
     * {@code [start_ns, end_ns, cpu_ns]}, one per worker.
     */
    public static Map<String, Object> workDetails(Object reported) {
        if (!(reported instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(WORK_INTERVALS + " must be a non-empty list of [start_ns, end_ns,"
                    + " cpu_ns], got " + reported);
        }
        long[][] columns = new long[3][list.size()];
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> interval) || interval.size() != 3
                    || !interval.stream().allMatch(Number.class::isInstance)) {
                throw new IllegalArgumentException(WORK_INTERVALS + ": worker " + i + " reported " + list.get(i)
                        + ", not [start_ns, end_ns, cpu_ns]");
            }
            for (int k = 0; k < 3; k++) {
                columns[k][i] = Math.round(((Number) interval.get(k)).doubleValue());
            }
        }
        return workDetails(columns[0], columns[1], columns[2]);
    }

    /**
     * {@link #WORK_PARALLELISM} of the workers' intervals: ∫c² dt / ∫c dt, c(t) the sum of the CPU rates (CPU over
     * own interval, at most 1: a worker is one thread, and CPU beyond that is its runtime's helper threads) of the
     * workers running at t. NaN when the workers spent no CPU on their work.
     */
    public static double parallelism(long[] startNs, long[] endNs, long[] cpuNs) {
        int n = startNs.length;
        long origin = java.util.Arrays.stream(startNs).min().orElse(0);
        double[] rate = new double[n];
        long[] edges = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long duration = endNs[i] - startNs[i];
            rate[i] = duration > 0 ? Math.min(1, Math.max(0, cpuNs[i]) / (double) duration) : 0;
            edges[2 * i] = startNs[i] - origin;
            edges[2 * i + 1] = endNs[i] - origin;
        }
        java.util.Arrays.sort(edges);
        double busy = 0;
        double busySquared = 0;
        for (int e = 1; e < edges.length; e++) {
            long from = edges[e - 1];
            long to = edges[e];
            if (to <= from) {
                continue;
            }
            double c = 0;
            for (int i = 0; i < n; i++) {
                if (startNs[i] - origin <= from && endNs[i] - origin >= to) {
                    c += rate[i];
                }
            }
            busy += c * (to - from);
            busySquared += c * c * (to - from);
        }
        return busy > 0 ? busySquared / busy : Double.NaN;
    }

    public double workUtilisation() {
        if (details.get(WORK_CPU) instanceof Number cpu && details.get(WORK_SPAN) instanceof Number span
                && span.doubleValue() > 0) {
            return cpu.doubleValue() / span.doubleValue();
        }
        return utilisation();
    }
}
