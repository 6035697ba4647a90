package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import java.util.Map;

/**
 * {@code units} waits of {@code iterations} ms each, split in chunks over the workers; each worker waits its chunk's
 * waits one after another, so 12 workers wait 12 times at once and one worker 12 times in a row. Checksum = units.
 */
public final class SleepWait extends ChunkedWorkload {
    public static final String NAME = "sleep_wait";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected long units(int from, int to, long iterations, Map<String, String> parameters) throws InterruptedException {
        return waits(from, to, iterations);
    }

    /** Every wait completed counts one: the checksum is the number of units. */
    @Override
    public long referenceChecksum(Job job) {
        return JavaWorkload.units(job.size());
    }

    /** Sleeps {@code millis} ms once per unit of {@code [from, to)}; returns the number of waits. */
    public static long waits(int from, int to, long millis) throws InterruptedException {
        for (int u = from; u < to; u++) {
            Thread.sleep(millis);
        }
        return to - from;
    }
}
