package concurrencyclaims.measure;

import concurrencyclaims.runtime.Sample;

/**
 * A sample as the harness saw it: which interleaved round it came from, whether it was a warm-up, how long the
 * harness waited for it (including any interpreter start-up), and how much CPU other processes on the machine used
 * meanwhile (busy time from /proc/stat minus what this JVM and the sample itself used), and how much CPU this JVM
 * used meanwhile (for a runtime outside it: the JVM's own background work, such as JIT compilation or GC); and what
 * its checksum was checked against.
 */
public record MeasuredSample(int round, boolean warmup, Sample sample, double elapsedSeconds, double foreignCpuSeconds,
                             double jvmCpuSeconds, boolean retaken, String checksumReference) {
    /** /proc/stat counts in 10 ms ticks: shorter samples cannot tell foreign load from rounding. */
    static final double MIN_SECONDS_FOR_LOAD = 0.1;

    public MeasuredSample(int round, boolean warmup, Sample sample, double elapsedSeconds, double foreignCpuSeconds) {
        this(round, warmup, sample, elapsedSeconds, foreignCpuSeconds, Double.NaN, false, null);
    }

    /** Whether the sample enters a statistic: not a warm-up, and not one taken again because this JVM disturbed it. */
    public boolean counts() {
        return !warmup && !retaken;
    }

    /** The same sample, marked as taken again: it stays in the record but enters no statistic. */
    MeasuredSample asRetaken() {
        return new MeasuredSample(round, warmup, sample, elapsedSeconds, foreignCpuSeconds, jvmCpuSeconds, true,
                checksumReference);
    }

    /**
     * Cores this JVM kept busy beside the sample's own work: for a runtime outside this JVM all of the JVM's CPU
     * meanwhile, for one inside it whatever the work's own threads did not use (the JIT compiler, the GC); 0 where
     * a runtime in this JVM does not say which CPU was its own ({@link Sample#OWN_CPU}): then it cannot be told.
     */
    public double jvmBackgroundCores(boolean inThisJvm) {
        if (Double.isNaN(jvmCpuSeconds) || elapsedSeconds < MIN_SECONDS_FOR_LOAD) {
            return 0;
        }
        if (!inThisJvm) {
            return jvmCpuSeconds / elapsedSeconds;
        }
        return sample.details().get(Sample.OWN_CPU) instanceof Number own
                ? Math.max(0, jvmCpuSeconds - own.doubleValue()) / elapsedSeconds : 0;
    }

    /** Average number of cores that something else kept busy during the sample; 0 when too short to tell. */
    public double foreignCores() {
        return elapsedSeconds >= MIN_SECONDS_FOR_LOAD ? Math.max(0, foreignCpuSeconds) / elapsedSeconds : 0;
    }
}
