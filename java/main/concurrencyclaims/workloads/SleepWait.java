package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.util.List;

/**
 * {@code units} waits of {@code iterations} ms each, split in chunks over the workers; each worker waits its chunk's
 * waits one after another, so 12 workers wait 12 times at once and one worker 12 times in a row. Checksum = units.
 */
public final class SleepWait implements JavaWorkload {
    public static final String NAME = "sleep_wait";

    @Override
    public List<String> models() {
        return Chunked.MODELS;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        long millis = job.size().iterations();
        return Chunked.run(job, (from, to) -> waits(from, to, millis));
    }

    /** Sleeps {@code millis} ms once per unit of {@code [from, to)}; returns the number of waits. */
    public static long waits(int from, int to, long millis) throws InterruptedException {
        for (int u = from; u < to; u++) {
            Thread.sleep(millis);
        }
        return to - from;
    }
}
