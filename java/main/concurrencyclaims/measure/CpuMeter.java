package concurrencyclaims.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine from /proc/stat (user, nice, system, irq, softirq and steal, in seconds), so the
 * harness can tell how much CPU other processes took while a sample ran. NaN where /proc/stat is unreadable.
 */
public final class CpuMeter {
    private static final Path STAT = Path.of("/proc/stat");
    private static final double TICKS_PER_SECOND = 100.0;  // USER_HZ is 100 on every Linux architecture we run on

    private CpuMeter() {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** CPU time of this JVM, every thread included. */
    public static double jvmCpuSeconds() {
        return OS.getProcessCpuTime() / 1e9;
    }

    private static final Path SELF_STAT = Path.of("/proc/self/stat");

    /**
     * CPU time of this JVM's child processes that have exited and been waited for, each with its own waited-for
     * descendants (the kernel's cutime and cstime in /proc/self/stat): all a child interpreter spent, its start-up
     * and imports included, which its own report of the workload's CPU leaves out. NaN where unreadable.
     */
    public static double reapedChildrenCpuSeconds() {
        try {
            String stat = Files.readString(SELF_STAT);
            // Fields after the command name, which may hold spaces: state is field 3, cutime 16, cstime 17.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return (Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * User + system CPU seconds of process {@code pid}, with those of the children it has waited for (utime, stime,
     * cutime and cstime in /proc/<pid>/stat): how a harness reads a child's CPU without its cooperation.
     */
    public static double processCpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which may hold spaces: state is field 3, utime 14 ... cstime 17.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        try {
            long ticks = 0;
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(f[field - 3]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (RuntimeException e) {
            throw new IOException("unexpected /proc/" + pid + "/stat: " + e.getMessage());
        }
    }

    /**
     * CPU seconds of the threads of process {@code pid} whose names (/proc/<pid>/task/<tid>/comm, at most 15
     * characters) {@code named} accepts, to the nanosecond (the first field of each task's schedstat: a tick per
     * thread, summed over a JVM's busy threads, is tens of milliseconds beside samples of a few hundred); threads that
     * end meanwhile are left out (the process's own total keeps their time).
     */
    public static double threadsCpuSeconds(long pid, java.util.function.Predicate<String> named) throws IOException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long nanos = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    if (named.test(Files.readString(task.resolve("comm")).strip())) {
                        long[] schedstat = concurrencyclaims.proc.TaskSampler.schedstat(task);
                        nanos += schedstat == null ? 0 : schedstat[0];
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // The thread ended between listing and reading.
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("unexpected " + tasks + ": " + e.getMessage());
        }
        return nanos / 1e9;
    }

    /** {total, steal} CPU seconds of the whole machine from /proc/stat: steal is what the hypervisor gave others. */
    public static double[] machineTotalAndSteal() {
        long[] f = machineTicks();
        if (f == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += f[i];
        }
        return new double[] {total / TICKS_PER_SECOND, f.length > 8 ? f[8] / TICKS_PER_SECOND : 0};
    }

    public static double machineBusySeconds() {
        long[] f = machineTicks();
        if (f == null) {
            return Double.NaN;
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += i < f.length ? f[i] : 0;
        }
        return busy / TICKS_PER_SECOND;
    }

    /** The machine's "cpu" line of /proc/stat as ticks, index 1 = user, ... 8 = steal; null where unreadable. */
    private static long[] machineTicks() {
        try (var lines = Files.lines(STAT)) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
            if (cpu == null) {
                return null;
            }
            String[] f = cpu.trim().split("\\s+");
            long[] ticks = new long[f.length];
            for (int i = 1; i < f.length; i++) {
                ticks[i] = Long.parseLong(f[i]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
