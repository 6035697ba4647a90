package concurrencyclaims.runtime.js;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.DriverReport;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Where the JS sources live ({@code js/}) and the JSON shapes the driver speaks; shared by the three JS adapters. */
public final class JsProject {
    /** The V8 flags of every V8-based runtime (embedded and standalone), so their comparison is fair. */
    public static final String V8_FLAGS = "--no-maglev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORKLOAD_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Path jsDir;

    public JsProject(Path projectRoot) {
        this.jsDir = projectRoot.toAbsolutePath().normalize().resolve("js");
    }

    public Path jsDir() {
        return jsDir;
    }

    public Path driver() {
        return jsDir.resolve("driver.js");
    }

    /** Empty when js/driver.js exists; else why not. */
    public String missingReason() {
        return Files.isRegularFile(driver()) ? null : "no JS driver at " + driver() + " (is the project root right?)";
    }

    /** js/workloads/NAME.js, or an error naming the runtime. */
    public Path workload(String name, String runtime) throws MeasurementException {
        Path file = WORKLOAD_NAME.matcher(name).matches() ? jsDir.resolve("workloads").resolve(name + ".js") : null;
        if (file == null || !Files.isRegularFile(file)) {
            throw new MeasurementException("workload " + name + " has no JavaScript implementation for " + runtime
                    + ": create js/workloads/" + name + ".js (suites/README.md, Adding a workload)");
        }
        return file;
    }

    /** The driver's spec for a job; {@code script} is the absolute workload file. */
    public static String spec(Job job, Path script) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("workload", script.toAbsolutePath().toString());
        spec.put("model", job.model());
        spec.put("workers", job.workers());
        spec.put("units", job.size().units());
        spec.put("iterations", job.size().iterations());
        ObjectNode parameters = spec.putObject("parameters");
        new TreeMap<>(job.parameters()).forEach(parameters::put);
        spec.put("timeout_ms", job.timeout().toMillis());
        return spec.toString();
    }

    /** Checks the split before starting anything, with the project's wording. */
    public static void checkSplit(Job job) throws MeasurementException {
        try {
            job.size().chunk(0, job.workers());
        } catch (IllegalArgumentException e) {
            throw new MeasurementException(job.describe() + ": " + e.getMessage());
        }
    }

    /** The driver's result line as a Sample, with {@code extra} added to its details. */
    public static Sample sample(String json, Map<String, Object> extra, String what) throws MeasurementException {
        return DriverReport.toSample(ChildProcess.lastJsonLine(json == null || json.isBlank() ? "(nothing)" : json, what),
                extra, what);
    }
}
