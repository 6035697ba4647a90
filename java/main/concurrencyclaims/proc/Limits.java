package concurrencyclaims.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The machine's limits on how many tasks can exist, as Linux states them: this process's resource limits
 * ({@code /proc/self/limits}, which child processes inherit), the kernel's ceilings on pids and threads, the memory
 * still available, and how many tasks (processes and threads) exist now. Empty where a file is missing or says
 * "unlimited".
 */
public final class Limits {
    private static final Path PROC = Path.of("/proc");

    private Limits() {
    }

    /** The soft limit ("Max processes", "Max open files") of this process. */
    public static OptionalLong soft(String name) {
        return limit(name, 0);
    }

    /** The hard limit of this process. */
    public static OptionalLong hard(String name) {
        return limit(name, 1);
    }

    private static OptionalLong limit(String name, int column) {
        try (Stream<String> lines = Files.lines(PROC.resolve("self/limits"))) {
            return lines.filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> l.substring(name.length()).strip().split("\\s+"))
                    .map(fields -> number(fields[column])).orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** A number from a file of /proc/sys, e.g. "kernel/pid_max", "kernel/threads-max". */
    public static OptionalLong kernel(String name) {
        try {
            return number(firstLine(PROC.resolve("sys").resolve(name)).strip());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** MemAvailable of /proc/meminfo, in KiB. */
    public static OptionalLong memoryAvailableKiB() {
        try (Stream<String> lines = Files.lines(PROC.resolve("meminfo"))) {
            return lines.filter(l -> l.startsWith("MemAvailable:")).findFirst()
                    .map(l -> number(l.split("\\s+")[1])).orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Every task (process or thread) on the machine now: the total of /proc/loadavg's "running/total". */
    public static OptionalLong tasksNow() {
        try {
            String[] fields = firstLine(PROC.resolve("loadavg")).strip().split("\\s+");
            return number(fields[3].substring(fields[3].indexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** File descriptors this process holds open now. */
    public static OptionalLong openFiles() {
        try (Stream<Path> fds = Files.list(PROC.resolve("self/fd"))) {
            return OptionalLong.of(fds.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Read line by line: Files.readString trusts a size that /proc/sys files report as 0, and reads a byte. */
    private static String firstLine(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().orElse("");
        }
    }

    private static OptionalLong number(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();  // "unlimited"
        }
    }
}
