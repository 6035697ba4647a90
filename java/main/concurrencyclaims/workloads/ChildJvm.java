package concurrencyclaims.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.runtime.MeasurementException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM of the {@code child-processes} model: the JDK running this JVM, the compiled classes alone on the class
 * path, {@link WorkloadMain} as entry point. The child answers with one JSON line (its last line of stdout).
 */
public final class ChildJvm {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The child's report: the JSON object on the last line of its stdout. */
    public static JsonNode lastJsonLine(String stdout, String what) throws MeasurementException {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1];
        try {
            JsonNode node = JSON.readTree(last);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Reported below.
        }
        throw new MeasurementException(what + " printed no JSON result (last line: '"
                + (last.length() > 200 ? last.substring(0, 200) + "…" : last) + "')");
    }

    private static String classesLocation() throws MeasurementException {
        try {
            return Path.of(WorkloadMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new MeasurementException("cannot locate the compiled workload classes for child JVMs: " + e.getMessage());
        }
    }
}
