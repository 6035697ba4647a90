package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Sample;
import java.lang.management.ManagementFactory;
import java.util.Map;

/** Wall time and this JVM's CPU time (all threads, user + system) from its creation on. */
final class Stopwatch {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart = System.nanoTime();
    private final long cpuStart = OS.getProcessCpuTime();

    static Stopwatch start() {
        return new Stopwatch();
    }

    double wallSeconds() {
        return (System.nanoTime() - wallStart) / 1e9;
    }

    double cpuSeconds() {
        return (OS.getProcessCpuTime() - cpuStart) / 1e9;
    }

    /** A sample of work done inside this JVM, timed from this stopwatch's start until now. */
    Sample sample(long checksum, Map<String, Object> details) {
        double wall = wallSeconds();
        return new Sample(wall, cpuSeconds(), checksum, ProcMemory.peakRssKiB(), details);
    }
}
