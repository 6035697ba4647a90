package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Sample;
import java.lang.management.ManagementFactory;
import java.util.Map;

/** Wall time and this JVM's CPU time (all threads, user + system) from its creation on. */
final class Stopwatch {
    /** Loaded on first use only: {@link #wallOnly()} never loads the management classes. */
    private static final class Os {
        static final com.sun.management.OperatingSystemMXBean BEAN =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    private final long wallStart = System.nanoTime();
    /** -1 for a stopwatch of wall time only. */
    private final long cpuStart;

    private Stopwatch(boolean cpu) {
        cpuStart = cpu ? Os.BEAN.getProcessCpuTime() : -1;
    }

    static Stopwatch start() {
        return new Stopwatch(true);
    }

    /**
     * Wall time only, its CPU -1: for a JVM started for one sample, whose CPU is read otherwise. The management
     * classes the CPU clock needs would otherwise be loaded and compiled while that sample's work starts, which a
     * program of its own does not do.
     */
    static Stopwatch wallOnly() {
        return new Stopwatch(false);
    }

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    double cpuSeconds() {
        return cpuStart < 0 ? -1 : (Os.BEAN.getProcessCpuTime() - cpuStart) / 1e9;
    }

    /** A sample of work done inside this JVM, timed from this stopwatch's start until now. */
    Sample sample(long checksum, Map<String, Object> details) {
        double wall = wallSeconds();
        return new Sample(wall, cpuSeconds(), checksum, ProcMemory.peakRssKiB(), details);
    }
}
