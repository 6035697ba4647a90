import concurrencyclaims.lab.Labkit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * Lab races, Java: a counter shared by threads.
 *
 * unsafeCount() is given: {@code workers} threads each update a shared counter {@code increments} times, without
 * synchronisation, and it returns what the counter says at the end. Each update adds {@link Labkit#tick()}, a small
 * whole number from a stream of the thread's own that the harness seeds anew for every call: the right total is the
 * sum of every thread's ticks, which only doing every update gives. Your task is safeCount(): the same threads and
 * updates, but no update may be lost.
 */
public class Counter {
    /** volatile, so that every += really reads and writes memory; += is still a read and a write, not one step. */
    static volatile long count;

    public static long unsafeCount(int workers, long increments) throws Exception {
        count = 0;
        run(workers, () -> {
            for (long i = 0; i < increments; i++) {
                count += Labkit.tick();
            }
        });
        return count;
    }

    public static long safeCount(int workers, long increments) throws Exception {
        // TODO: make this exact: keep one update of Labkit.tick() per step, but make each one atomic, with a
        // java.util.concurrent.atomic.AtomicLong (addAndGet) or a synchronized block around it.
        // As it stands it is unsafeCount() again.
        return unsafeCount(workers, increments);
    }

    /**
     * Given, for comparison: the same updates with nothing shared, each thread summing its ticks in a local variable
     * of its own and the totals added at the end.
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
                local += Labkit.tick();
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
