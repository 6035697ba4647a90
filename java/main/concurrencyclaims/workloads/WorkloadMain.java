package concurrencyclaims.workloads;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Entry point of a child JVM in the {@code child-processes} model. Kept free of dependencies so the child starts from
 * {@code target/classes} alone. Every mode ends by printing one JSON line with at least {@code cpu_s}:
 * <ul>
 * <li>{@code <workload> <fromUnit> <toUnit> <iterations> [argument]} prints "ready", waits until its stdin is closed,
 * then runs units {@code [from, to)} of integer_hash, sleep_wait, tcp_echo (argument: the echo port) or file_io
 * (argument: the folder). The work's start and end are
 * {@code System.nanoTime()}, which on Linux reads the machine-wide monotonic clock, so the parent can tell how long
 * the children's work overlapped; {@code work_cpu_s} is the CPU the work itself took (this thread's).</li>
 * <li>{@code shared_state} sets this JVM's copy of the static to 1.</li>
 * <li>{@code idle_memory} prints "ready" and idles until stdin is closed.</li>
 * <li>{@code message_passing <bytes> [sharedFile]} prints "ready", then answers each message of {@code bytes} bytes
 * on stdin with its length on a line, until stdin is closed; with {@code sharedFile} a message is one byte on stdin
 * and its payload is read from that file, mapped into memory.</li>
 * </ul>
 */
public final class WorkloadMain {
    /** What a child of units prints once it is up; it then starts its chunk when its stdin is closed. */
    static final String READY = "ready";
    private static final String USAGE = "usage: WorkloadMain <workload> <fromUnit> <toUnit> <iterations> [argument]"
            + " | shared_state | idle_memory | message_passing <bytes> [sharedFile]";

    private WorkloadMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            fail(2, USAGE);
        }
        try {
            switch (args[0]) {
                case IntegerHash.NAME, SleepWait.NAME, TcpEcho.NAME, FileIo.NAME -> units(args);
                case SharedState.NAME -> {
                    long value = SharedState.worker();
                    System.out.println(String.format(Locale.ROOT, "{\"checksum\": 0, \"value\": %d, \"cpu_s\": %.6f}",
                            value, cpuSeconds()));
                }
                case IdleMemory.NAME -> {
                    IdleMemory.idleChild();
                    System.out.println(String.format(Locale.ROOT, "{\"checksum\": 0, \"cpu_s\": %.6f}", cpuSeconds()));
                }
                case MessagePassing.NAME -> {
                    if (args.length != 2 && args.length != 3) {
                        fail(2, USAGE);
                    }
                    long received = MessagePassing.childLoop(Integer.parseInt(args[1]),
                            args.length == 3 ? args[2] : null, System.out);
                    System.out.println(String.format(Locale.ROOT, "{\"checksum\": %d, \"cpu_s\": %.6f}",
                            received, cpuSeconds()));
                }
                default -> fail(2, "unknown workload '" + args[0] + "'; " + USAGE);
            }
        } catch (Exception e) {
            e.printStackTrace();
            fail(1, args[0] + " failed: " + e);
        }
        System.out.flush();
    }

    private static void units(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            fail(2, USAGE);
        }
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        long iterations = Long.parseLong(args[3]);
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // The parent releases every child at once by closing their stdin.
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long checksum = switch (args[0]) {
            case SleepWait.NAME -> SleepWait.waits(from, to, iterations);
            case TcpEcho.NAME -> TcpEcho.requests(Integer.parseInt(argument(args)), from, to, iterations);
            case FileIo.NAME -> FileIo.files(Path.of(argument(args)), from, to, iterations);
            case IntegerHash.NAME -> IntegerHash.units(from, to, iterations);
            default -> throw new IllegalArgumentException("not a workload of units: " + args[0]);
        };
        long end = System.nanoTime();
        long workCpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.println(String.format(Locale.ROOT,
                "{\"checksum\": %d, \"work_wall_s\": %.6f, \"work_start_ns\": %d, \"work_end_ns\": %d,"
                        + " \"work_cpu_s\": %.6f, \"cpu_s\": %.6f, \"peak_rss_kib\": %d}",
                checksum, (end - start) / 1e9, start, end, workCpu / 1e9, cpuSeconds(), ProcMemory.peakRssKiB()));
    }

    private static String argument(String[] args) {
        if (args.length != 5) {
            fail(2, args[0] + " needs one more argument; " + USAGE);
        }
        return args[4];
    }

    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    private static void fail(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
