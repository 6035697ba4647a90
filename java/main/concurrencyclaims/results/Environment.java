package concurrencyclaims.results;

import concurrencyclaims.report.Results;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the machine was when the claims were measured: a verdict means little without it. */
public final class Environment {
    private Environment() {
    }

    /** The machine as it is now; the run adds its runtimes and settings, and at its end the load after it. */
    public static Results.Environment capture() {
        return new Results.Environment(cpuModel(), onlineCores(), java.lang.Runtime.getRuntime().availableProcessors(),
                memoryMiB(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                loadAverage(), List.of(), List.of(), null, Double.NaN);
    }

    /** The 1, 5 and 15 minute load averages, or an empty list where /proc/loadavg is absent. */
    public static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static int onlineCores() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return (int) lines.filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return java.lang.Runtime.getRuntime().availableProcessors();
        }
    }

    private static long memoryMiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() / (1024 * 1024) : -1;
    }
}
