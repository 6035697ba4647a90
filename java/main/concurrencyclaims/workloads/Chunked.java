package concurrencyclaims.workloads;

import concurrencyclaims.runtime.InteractiveChild;
import com.fasterxml.jackson.databind.JsonNode;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.TakingTurns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workloads of independent units (integer_hash, sleep_wait, tcp_echo, file_io): the units split in equal contiguous
 * chunks, one per worker, each worker doing its chunk's units one after another — inline ({@code sequential}), on
 * platform or virtual threads, or in one child JVM per chunk started with {@code WorkloadMain <workload> <from> <to>
 * <iterations> [name=value ...]} ({@link ChunkedWorkload#childMain}). The checksum is the sum of the chunks' results.
 */
public final class Chunked {
    public static final List<String> MODELS = List.of(JavaWorkload.SEQUENTIAL, JavaWorkload.PLATFORM_THREADS,
            JavaWorkload.VIRTUAL_THREADS, JavaWorkload.CHILD_PROCESSES);

    /** Units {@code [from, to)} of one chunk; returns the chunk's share of the checksum. */
    @FunctionalInterface
    public interface Work {
        long units(int from, int to) throws Exception;
    }

    private Chunked() {
    }

    /**
     * Runs {@code job} under its model; {@code childArguments} follow {@code <iterations>} on a child JVM's command
     * line, for what {@link WorkloadMain} needs to rebuild {@code work} (a port, a folder).
     */
    public static Sample run(Job job, Work work, String... childArguments) throws MeasurementException {
        return switch (job.model()) {
            case JavaWorkload.SEQUENTIAL -> sequential(job, work);
            case JavaWorkload.PLATFORM_THREADS, JavaWorkload.VIRTUAL_THREADS -> threads(job, work);
            case JavaWorkload.CHILD_PROCESSES -> childProcesses(job, childArguments);
            default -> throw new MeasurementException(job.workload() + " is not supported under " + job.model()
                    + " (supported: " + String.join(", ", MODELS) + ")");
        };
    }

    private static Sample sequential(Job job, Work work) throws MeasurementException {
        JavaWorkload.requireWorkers(job, 1);
        Stopwatch watch = Stopwatch.start();
        long checksum;
        try {
            checksum = work.units(0, job.size().units());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("Java " + job.describe() + " was interrupted");
        } catch (Exception e) {
            throw new MeasurementException("Java " + job.describe() + " failed: " + Workers.describe(e), e);
        }
        return watch.sample(checksum, Map.of());
    }

    /**
     * Every worker starts its chunk once all have started (so the work span is the work's), and times it: on the
     * machine-wide clock, and in its own CPU time where the JVM can tell a thread's (platform threads).
     */
    private static Sample threads(Job job, Work work) throws MeasurementException {
        List<int[]> chunks = chunks(job);
        int n = job.workers();
        long[] started = new long[n];
        long[] ended = new long[n];
        long[] cpu = new long[n];
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Stopwatch watch = Stopwatch.start();
        try (Workers workers = Workers.start(job, Workers.virtual(job), n, w -> {
            ready.countDown();
            go.await();
            try (TakingTurns turn = TakingTurns.take(job.parameters().get(Job.TURNS_LOCK))) {
                started[w] = System.nanoTime();
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long sum = work.units(chunks.get(w)[0], chunks.get(w)[1]);
                long cpu1 = THREADS.getCurrentThreadCpuTime();
                cpu[w] = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0;
                ended[w] = System.nanoTime();
                return sum;
            }
        })) {
            awaitReady(ready, workers, job);
            go.countDown();
            long checksum = Workers.sum(workers.await());
            Map<String, Object> details = new java.util.HashMap<>();
            if (java.util.Arrays.stream(cpu).allMatch(c -> c >= 0)) {
                details.putAll(Sample.workDetails(started, ended, cpu));
                details.put(Sample.OWN_CPU, details.get(Sample.WORK_CPU));
            } else {
                // Virtual threads: no CPU time of their own, the span still tells the work from starting threads.
                details.put(Sample.WORK_SPAN, (java.util.Arrays.stream(ended).max().orElse(0)
                        - java.util.Arrays.stream(started).min().orElse(0)) / 1e9);
            }
            return watch.sample(checksum, details);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Waits until every worker has started (nothing before that can fail), within the job's time. */
    private static void awaitReady(java.util.concurrent.CountDownLatch ready, Workers workers, Job job)
            throws MeasurementException {
        try {
            if (!ready.await(workers.nanosLeft(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new MeasurementException("Java " + job.describe() + ": the workers did not all start within "
                        + job.timeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("Java " + job.describe() + " was interrupted");
        }
    }

    /**
     * One child JVM per chunk, all started at once; each says "ready" once up and starts its chunk when its stdin is
     * closed, which happens to all of them together, so the work span is the work's. The wall time includes their
     * start-up, which is the model's cost.
     */
    private static Sample childProcesses(Job job, String... childArguments) throws MeasurementException {
        List<int[]> chunks = chunks(job);
        List<InteractiveChild> children = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int w = 0; w < job.workers(); w++) {
                List<String> arguments = new ArrayList<>(List.of(job.workload(), Integer.toString(chunks.get(w)[0]),
                        Integer.toString(chunks.get(w)[1]), Long.toString(job.size().iterations())));
                arguments.addAll(List.of(childArguments));
                children.add(InteractiveChild.start(childName(job, w),
                        ChildJvm.command(arguments.toArray(String[]::new)), job.timeout()));
            }
            for (InteractiveChild child : children) {
                child.expectLine(WorkloadMain.READY);
            }
            children.forEach(InteractiveChild::release);
            long checksum = 0;
            double cpu = 0;
            long peak = -1;
            long[] workStart = new long[children.size()];
            long[] workEnd = new long[children.size()];
            long[] workCpu = new long[children.size()];
            for (int w = 0; w < children.size(); w++) {
                JsonNode report = children.get(w).finish();
                workStart[w] = report.path("work_start_ns").asLong();
                workEnd[w] = report.path("work_end_ns").asLong();
                workCpu[w] = Math.round(report.path("work_cpu_s").asDouble() * 1e9);
                checksum += report.path("checksum").asLong();
                cpu += report.path("cpu_s").asDouble();
                peak = Math.max(peak, report.path("peak_rss_kib").asLong(-1));
            }
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, Object> details = new java.util.HashMap<>(Sample.workDetails(workStart, workEnd, workCpu));
            details.put("processes", job.workers());
            return new Sample(wall, cpu, checksum, peak, details);
        } finally {
            children.forEach(InteractiveChild::close);
        }
    }

    static String childName(Job job, int worker) {
        return "child JVM " + (worker + 1) + "/" + job.workers() + " of " + job.describe();
    }

    /** Every worker's chunk, computed before anything starts: a size that does not split evenly fails up front. */
    private static List<int[]> chunks(Job job) {
        List<int[]> chunks = new ArrayList<>();
        for (int w = 0; w < job.workers(); w++) {
            chunks.add(job.size().chunk(w, job.workers()));
        }
        return chunks;
    }
}
