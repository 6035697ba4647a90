import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * Lab races, Java: a counter shared by threads.
 *
 * unsafeCount() is given: {@code workers} threads each add 1 to a shared counter {@code increments} times, without
 * synchronisation, and it returns what the counter says at the end. Your task is safeCount(): the same threads and
 * increments, but no update may be lost.
 */
public class Counter {
    /** volatile, so that every ++ really reads and writes memory; ++ is still a read and a write, not one step. */
    static volatile long count;

    public static long unsafeCount(int workers, long increments) throws Exception {
        count = 0;
        run(workers, () -> {
            for (long i = 0; i < increments; i++) {
                count++;
            }
        });
        return count;
    }

    public static long safeCount(int workers, long increments) throws Exception {
        // TODO: make this exact: keep one increment per step, but make each one atomic, with a
        // java.util.concurrent.atomic.AtomicLong (incrementAndGet) or a synchronized block around it.
        // As it stands it is unsafeCount() again.
        return unsafeCount(workers, increments);
    }

    /**
     * Given, for comparison: the same increments with nothing shared, each thread counting in a local variable of its
     * own and the totals added at the end.
     */
    public static long unsharedCount(int workers, long increments) throws Exception {
        long[] totals = new long[workers];
        int[] next = {0};
        run(workers, () -> {
            int me;
            synchronized (totals) {
                me = next[0]++;
            }
            long local = 0;
            for (long i = 0; i < increments; i++) {
                local++;
            }
            totals[me] = local;
        });
        long sum = 0;
        for (long total : totals) {
            sum += total;
        }
        return sum;
    }

    /** Runs {@code task} on {@code workers} threads released together, and waits for all of them. */
    static void run(int workers, Runnable task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(workers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                task.run();
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
