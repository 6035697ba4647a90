package concurrencyclaims.measure;

import concurrencyclaims.runtime.Sample;

/**
 * A sample as the harness saw it: which interleaved round it came from, whether it was a warm-up, how long the
 * harness waited for it (including any interpreter start-up), and how much CPU other processes on the machine used
 * meanwhile (busy time from /proc/stat minus what this JVM and the sample itself used), and how much CPU this JVM
 * used meanwhile (for a runtime outside it: the JVM's own background work, such as JIT compilation or GC).
 */
public record MeasuredSample(int round, boolean warmup, Sample sample, double elapsedSeconds, double foreignCpuSeconds,
                             double jvmCpuSeconds) {
    /** /proc/stat counts in 10 ms ticks: shorter samples cannot tell foreign load from rounding. */
    static final double MIN_SECONDS_FOR_LOAD = 0.1;

    public MeasuredSample(int round, boolean warmup, Sample sample, double elapsedSeconds, double foreignCpuSeconds) {
        this(round, warmup, sample, elapsedSeconds, foreignCpuSeconds, Double.NaN);
    }

    /** Average number of cores that something else kept busy during the sample; 0 when too short to tell. */
    public double foreignCores() {
        return elapsedSeconds >= MIN_SECONDS_FOR_LOAD ? Math.max(0, foreignCpuSeconds) / elapsedSeconds : 0;
    }
}
