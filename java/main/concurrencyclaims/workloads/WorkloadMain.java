package concurrencyclaims.workloads;

import java.util.Locale;

/**
 * Entry point of a child JVM in the {@code child-processes} model: runs units {@code [from, to)} and prints one JSON
 * line. Kept free of dependencies so the child starts from {@code target/classes} alone. The work's start and end are
 * {@code System.nanoTime()}, which on Linux reads the machine-wide monotonic clock, so the parent can tell how long
 * the children's work overlapped.
 */
public final class WorkloadMain {
    private WorkloadMain() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: WorkloadMain <workload> <fromUnit> <toUnit> <iterations>");
            System.exit(2);
        }
        if (!IntegerHash.NAME.equals(args[0])) {
            System.err.println("unknown workload '" + args[0] + "' (known: " + IntegerHash.NAME + ")");
            System.exit(2);
        }
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        long iterations = Long.parseLong(args[3]);
        long start = System.nanoTime();
        long checksum = IntegerHash.units(from, to, iterations);
        long end = System.nanoTime();
        double wall = (end - start) / 1e9;
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
        System.out.println(String.format(Locale.ROOT,
                "{\"checksum\": %d, \"work_wall_s\": %.6f, \"work_start_ns\": %d, \"work_end_ns\": %d,"
                        + " \"cpu_s\": %.6f, \"peak_rss_kib\": %d}",
                checksum, wall, start, end, cpu, ProcMemory.peakRssKiB()));
    }
}
