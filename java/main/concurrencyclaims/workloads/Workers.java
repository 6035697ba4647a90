package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker threads of one job, platform or virtual: all started at once, awaited until the job's timeout, and on
 * {@link #close()} interrupted and joined, so no worker outlives its job. Platform workers are daemons: a worker stuck
 * in a call that ignores interrupts cannot keep the JVM alive.
 */
final class Workers implements AutoCloseable {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /** What worker {@code worker} (0-based) does; its result is summed into the checksum by most callers. */
    @FunctionalInterface
    interface Task {
        long run(int worker) throws Exception;
    }

    private final Job job;
    private final long deadline;
    private final List<Thread> threads = new ArrayList<>();
    private final long[] results;
    private final Throwable[] failures;

    private Workers(Job job, int count) {
        this.job = job;
        this.deadline = System.nanoTime() + job.timeout().toNanos();
        this.results = new long[count];
        this.failures = new Throwable[count];
    }

    static Workers start(Job job, boolean virtual, int count, Task task) {
        Workers workers = new Workers(job, count);
        for (int w = 0; w < count; w++) {
            int worker = w;
            Runnable body = () -> {
                try {
                    workers.results[worker] = task.run(worker);
                } catch (Throwable t) {
                    workers.failures[worker] = t;
                }
            };
            String name = job.workload() + "-worker-" + (w + 1);
            workers.threads.add(virtual ? Thread.ofVirtual().name(name).start(body)
                    : Thread.ofPlatform().name(name).daemon().start(body));
        }
        return workers;
    }

    static boolean virtual(Job job) {
        return JavaWorkload.VIRTUAL_THREADS.equals(job.model());
    }

    List<Thread> threads() {
        return threads;
    }

    /** Nanoseconds left until the job's timeout. */
    long nanosLeft() {
        return deadline - System.nanoTime();
    }

    /** Waits for every worker until the job's timeout; the first failure (in worker order) becomes the error. */
    long[] await() throws MeasurementException {
        try {
            for (Thread thread : threads) {
                long left = nanosLeft();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new MeasurementException("Java " + job.describe() + " did not finish within "
                            + job.timeout().toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("Java " + job.describe() + " was interrupted");
        }
        for (int w = 0; w < failures.length; w++) {
            if (failures[w] != null) {
                throw new MeasurementException("Java " + job.describe() + ": worker " + (w + 1) + " failed: "
                        + describe(failures[w]), failures[w]);
            }
        }
        return results.clone();
    }

    static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : message.strip().replace("\n", " ⏎ ");
    }

    /** Interrupts the workers still running and joins them (a few seconds at most in all). */
    @Override
    public void close() {
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        long until = System.nanoTime() + CLOSE_GRACE.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
