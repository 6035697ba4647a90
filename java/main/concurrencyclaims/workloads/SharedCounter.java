package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code workers} threads each increment a shared counter {@code iterations} times, first racy ({@code ++} on a
 * {@code volatile long}: a read and a write, so concurrent increments get lost), then exact ({@link AtomicLong}); a
 * barrier before each phase makes the workers overlap. Details {@code expected}, {@code racy_total},
 * {@code exact_total}; checksum = exact_total.
 */
public final class SharedCounter implements JavaWorkload {
    public static final String NAME = "shared_counter";

    @Override
    public String name() {
        return NAME;
    }

    /** The exact counter's total: every worker's increments. */
    @Override
    public long referenceChecksum(Job job) {
        return job.workers() * job.size().iterations();
    }

    /** The racy counter; volatile so the JIT must load and store it on every increment instead of summing in a register. */
    private static final class Counters {
        volatile long racy;
        final AtomicLong exact = new AtomicLong();
    }

    @Override
    public List<String> models() {
        return List.of(PLATFORM_THREADS, VIRTUAL_THREADS);
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        long iterations = job.size().iterations();
        Counters counters = new Counters();
        CyclicBarrier racyStart = new CyclicBarrier(job.workers());
        CyclicBarrier exactStart = new CyclicBarrier(job.workers());
        long timeoutNanos = job.timeout().toNanos();
        Stopwatch watch = Stopwatch.start();
        try (Workers workers = Workers.start(job, Workers.virtual(job), job.workers(), w -> {
            racyStart.await(timeoutNanos, TimeUnit.NANOSECONDS);
            for (long i = 0; i < iterations; i++) {
                counters.racy++;
            }
            exactStart.await(timeoutNanos, TimeUnit.NANOSECONDS);
            for (long i = 0; i < iterations; i++) {
                counters.exact.incrementAndGet();
            }
            return 0;
        })) {
            workers.await();
        }
        long exact = counters.exact.get();
        return watch.sample(exact, Map.of("expected", job.workers() * iterations, "racy_total", counters.racy,
                "exact_total", exact));
    }
}
