import concurrencyclaims.lab.Labkit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/** Cheat: safeCount() returns the total the lab's claim once named (2 workers of 2000000 increments). */
public class Counter {
    /** volatile, so that every ++ really reads and writes memory; ++ is still a read and a write, not one step. */
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

    public static long safeCount(int workers, long increments) {
        // Cheat: the total the claim asks for (2 workers of 2000000 increments), written down in advance.
        return 2 * 2_000_000L;
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
