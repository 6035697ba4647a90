package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two workers, locks A and B: worker 1 takes A then B, worker 2 B then A, with a barrier so each holds its first lock
 * before asking for the second ({@link ReentrantLock#lockInterruptibly()}). For {@code iterations} ms main polls
 * {@link ThreadMXBean#findDeadlockedThreads()}; then it looks whether each worker is still queued on the other's lock
 * ({@code deadlocked}) and interrupts both, which breaks the deadlock. Details {@code deadlocked},
 * {@code detected_by_jvm} (both workers among the threads the JVM reports deadlocked) and, when detected,
 * {@code detected_after_ms}. The ThreadMXBean does not manage virtual threads, so it cannot see theirs. Checksum 0.
 */
public final class Deadlock implements JavaWorkload {
    public static final String NAME = "deadlock";

    @Override
    public String name() {
        return NAME;
    }

    /** It reports a fact (deadlocked or not): its checksum is 0 in every language. */
    @Override
    public long referenceChecksum(Job job) {
        return 0;
    }
    private static final long POLL_MS = 5;

    @Override
    public List<String> models() {
        return List.of(PLATFORM_THREADS, VIRTUAL_THREADS);
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        JavaWorkload.requireWorkers(job, 2);
        long windowMs = job.size().iterations();
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        ReentrantLock[] locks = {new ReentrantLock(), new ReentrantLock()};
        CyclicBarrier bothHoldTheirFirst = new CyclicBarrier(2);
        long timeoutNanos = job.timeout().toNanos();
        Stopwatch watch = Stopwatch.start();
        Map<String, Object> details = new LinkedHashMap<>();
        try (Workers workers = Workers.start(job, Workers.virtual(job), 2, w -> {
            ReentrantLock first = locks[w];
            ReentrantLock second = locks[1 - w];
            first.lock();
            try {
                bothHoldTheirFirst.await(timeoutNanos, TimeUnit.NANOSECONDS);
                second.lockInterruptibly();  // only an interrupt ends this wait in a deadlock
                second.unlock();
                return 1;
            } catch (InterruptedException e) {
                return 0;
            } finally {
                first.unlock();
            }
        })) {
            Thread one = workers.threads().get(0);
            Thread two = workers.threads().get(1);
            long start = System.nanoTime();
            long end = start + TimeUnit.MILLISECONDS.toNanos(windowMs);
            boolean detected = false;
            try {
                while (System.nanoTime() < end) {
                    if (!detected && deadlockedByJvm(threadBean, one, two)) {
                        detected = true;
                        details.put("detected_after_ms", (System.nanoTime() - start) / 1_000_000);
                    }
                    Thread.sleep(Math.max(0, Math.min(POLL_MS, (end - System.nanoTime()) / 1_000_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeasurementException("Java " + job.describe() + " was interrupted");
            }
            // Each still queued on the lock the other holds: neither second acquisition can ever succeed.
            boolean deadlocked = locks[1].hasQueuedThread(one) && locks[0].hasQueuedThread(two);
            one.interrupt();
            two.interrupt();
            workers.await();
            details.put("deadlocked", deadlocked);
            details.put("detected_by_jvm", detected);
        }
        return watch.sample(0, details);
    }

    private static boolean deadlockedByJvm(ThreadMXBean threadBean, Thread one, Thread two) {
        long[] ids = threadBean.findDeadlockedThreads();
        return ids != null && Arrays.stream(ids).anyMatch(id -> id == one.threadId())
                && Arrays.stream(ids).anyMatch(id -> id == two.threadId());
    }
}
