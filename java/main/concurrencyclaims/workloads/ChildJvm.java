package concurrencyclaims.workloads;

import concurrencyclaims.runtime.MeasurementException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM of the {@code child-processes} model: the JDK running this JVM, the compiled classes alone on the class
 * path, {@link WorkloadMain} as entry point. The child answers with one JSON line (its last line of stdout,
 * read by {@link concurrencyclaims.runtime.ChildProcess#lastJsonLine}).
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The argument array that starts a child JVM running {@code WorkloadMain args...}. */
    static List<String> command(String... args) throws MeasurementException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-cp", classesLocation(), WorkloadMain.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String classesLocation() throws MeasurementException {
        try {
            return Path.of(WorkloadMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new MeasurementException("cannot locate the compiled workload classes for child JVMs: " + e.getMessage());
        }
    }
}
