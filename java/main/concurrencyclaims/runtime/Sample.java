package concurrencyclaims.runtime;

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
     * says how many cores the work kept busy at once.
     */
    public static final String WORK_CPU = "work_cpu_s";
    /**
     * Detail key: how many workers ran at once, each on a core of its own: the sum over the workers of the share of
     * its own work's time that it spent on a CPU (1 for a worker that had a core to itself throughout, 1/N for N
     * workers taking turns on one). Unlike the work's utilisation it does not suffer when one core is slower and its
     * worker finishes later, as on a shared virtual machine; the workers start together, so their work overlaps.
     */
    public static final String WORK_PARALLELISM = "work_parallelism";
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

    /** {@link #WORK_PARALLELISM} where the runtime reports it, else the work's utilisation. */
    public double workParallelism() {
        return details.get(WORK_PARALLELISM) instanceof Number p ? p.doubleValue() : workUtilisation();
    }

    /**
     * {@link #WORK_SPAN}, {@link #WORK_CPU} and {@link #WORK_PARALLELISM} of workers that timed their own work: each
     * one's start and end on the machine-wide monotonic clock and the CPU it spent, in nanoseconds.
     */
    public static Map<String, Object> workDetails(long[] startNs, long[] endNs, long[] cpuNs) {
        double[] cpu = new double[cpuNs.length];
        double[] duration = new double[cpuNs.length];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = cpuNs[i] / 1e9;
            duration[i] = (endNs[i] - startNs[i]) / 1e9;
        }
        long span = java.util.Arrays.stream(endNs).max().orElse(0) - java.util.Arrays.stream(startNs).min().orElse(0);
        return Map.of(WORK_SPAN, span / 1e9, WORK_CPU, java.util.Arrays.stream(cpu).sum(),
                WORK_PARALLELISM, parallelism(cpu, duration));
    }

    /** Sum over the workers of CPU / duration of their work, for runtimes that time each worker's work. */
    public static double parallelism(double[] cpuSeconds, double[] durationSeconds) {
        double sum = 0;
        for (int i = 0; i < cpuSeconds.length; i++) {
            sum += durationSeconds[i] > 0 ? Math.min(1, cpuSeconds[i] / durationSeconds[i]) : 1;
        }
        return sum;
    }

    public double workUtilisation() {
        if (details.get(WORK_CPU) instanceof Number cpu && details.get(WORK_SPAN) instanceof Number span
                && span.doubleValue() > 0) {
            return cpu.doubleValue() / span.doubleValue();
        }
        return utilisation();
    }
}
