package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.TakingTurns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workload of independent units (integer_hash, sleep_wait, tcp_echo, file_io): it says what units
 * {@code [from, to)} of {@code iterations} each do, and {@link Chunked} runs them under every Java model, in equal
 * contiguous chunks, one per worker. A child JVM gets its chunk and the parameters on its command line.
 */
public abstract class ChunkedWorkload implements JavaWorkload {

    /** Units {@code [from, to)}; returns the chunk's share of the checksum. */
    protected abstract long units(int from, int to, long iterations, Map<String, String> parameters) throws Exception;

    /** Set-up around one run (a temporary folder): the parameters the chunks then see. */
    protected Map<String, String> prepare(Job job) throws MeasurementException {
        return job.parameters();
    }

    /** Undoes {@link #prepare(Job)}, after the run and also when it failed. */
    protected void cleanUp(Map<String, String> prepared) throws MeasurementException {
    }

    @Override
    public List<String> models() {
        return Chunked.MODELS;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        Map<String, String> prepared = prepare(job);
        List<String> childArguments = new ArrayList<>();
        prepared.forEach((name, value) -> childArguments.add(name + "=" + value));
        Sample sample;
        try {
            sample = Chunked.run(job, (from, to) -> units(from, to, job.size().iterations(), prepared),
                    childArguments.toArray(String[]::new));
        } catch (MeasurementException | RuntimeException e) {
            try {
                cleanUp(prepared);
            } catch (MeasurementException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        cleanUp(prepared);
        return sample;
    }

    /**
     * {@code <from> <to> <iterations> [name=value ...]}: prints "ready", waits until stdin is closed (the parent
     * releases every child at once), runs the chunk and prints its JSON report. The work's start and end are
     * {@code System.nanoTime()}, on Linux the machine-wide monotonic clock, so the parent can tell how the children's
     * work overlapped; {@code work_cpu_s} is this thread's CPU on it.
     */
    @Override
    public void childMain(List<String> args) throws Exception {
        if (args.size() < 3) {
            throw new IllegalArgumentException(name() + " needs <fromUnit> <toUnit> <iterations> [name=value ...]");
        }
        int from = Integer.parseInt(args.get(0));
        int to = Integer.parseInt(args.get(1));
        long iterations = Long.parseLong(args.get(2));
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : args.subList(3, args.size())) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not a name=value parameter: '" + pair + "'");
            }
            parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        WorkloadMain.awaitRelease();  // the parent releases every child at once
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart;
        long start;
        long checksum;
        long end;
        long workCpu;
        try (TakingTurns turn = TakingTurns.take(parameters.get(Job.TURNS_LOCK))) {
            cpuStart = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            checksum = units(from, to, iterations, parameters);
            end = System.nanoTime();
            workCpu = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"checksum\": %d, \"work_wall_s\": %.6f, \"work_start_ns\": %d, \"work_end_ns\": %d,"
                        + " \"work_cpu_s\": %.6f, \"cpu_s\": %.6f, \"peak_rss_kib\": %d}",
                checksum, (end - start) / 1e9, start, end, workCpu / 1e9, WorkloadMain.cpuSeconds(),
                ProcMemory.peakRssKiB()));
    }

    /** A parameter the chunks cannot run without, or an error naming the workload. */
    protected String parameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name() + " needs the parameter '" + name + "'");
        }
        return value;
    }
}
