import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * A bare program of many_waits' work, for the sweep's benchmark: N threads (platform or virtual), each started, held
 * on a gate, then one sleep of 100 ms. Prints {"startup_s", "waits_s", "pss_kib_per_task"} as JSON.
 * Usage: javac -d classes BareManyWaits.java && java -cp classes BareManyWaits N platform|virtual
 */
public class BareManyWaits {
    private static volatile boolean open;

    static long pssKib() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/smaps_rollup")).stream().filter(l -> l.startsWith("Pss:"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).sum();
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean virtual = args[1].equals("virtual");
        Semaphore ready = new Semaphore(0);
        Runnable task = () -> {
            ready.release();
            while (!open) {
                LockSupport.park();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        long before = pssKib();
        long t0 = System.nanoTime();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = virtual ? Thread.ofVirtual().start(task) : Thread.ofPlatform().start(task);
        }
        ready.acquire(n);
        long t1 = System.nanoTime();
        long during = pssKib();
        long t2 = System.nanoTime();
        open = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long t3 = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "{\"startup_s\": %.6f, \"waits_s\": %.6f, \"pss_kib_per_task\": %.3f}%n",
                (t1 - t0) / 1e9, (t3 - t2) / 1e9, (during - before) / (double) n);
    }
}
