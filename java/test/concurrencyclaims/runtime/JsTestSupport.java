package concurrencyclaims.runtime;

import java.nio.file.Path;
import java.time.Duration;

/** Shared bits of the JS adapter tests. */
final class JsTestSupport {
    private JsTestSupport() {
    }

    static Path projectRoot() {
        return Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    }

    static Path fixture(String name) {
        return projectRoot().resolve("java/test-resources/js-fixtures").resolve(name + ".js");
    }

    static Job job(String workload, String model, int workers, int units, long iterations, Duration timeout) {
        return new Job(workload, model, workers, new WorkloadSize(units, iterations), timeout);
    }
}
