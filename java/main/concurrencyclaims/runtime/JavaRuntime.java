package concurrencyclaims.runtime;

import concurrencyclaims.workloads.JavaWorkload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test JVM itself: the workload on platform threads, on virtual threads, or in child JVMs started from the same
 * JDK and the same compiled classes. Platform threads are the suite's parallel control.
 */
public final class JavaRuntime implements Runtime {
    @Override
    public String id() {
        return "java";
    }

    @Override
    public String kind() {
        return "java";
    }

    @Override
    public String language() {
        return "java";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public List<String> models() {
        return RuntimeKinds.MODELS.get("java");
    }

    @Override
    public boolean runsInThisJvm(String model) {
        return !"child-processes".equals(model);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", System.getProperty("java.runtime.version"));
        details.put("vendor", System.getProperty("java.vendor"));
        details.put("vm", System.getProperty("java.vm.name"));
        details.put("java_home", System.getProperty("java.home"));
        details.put("models", models());
        return details;
    }

    /** The Java implementation of {@code name}, or an error saying which file to create. */
    public static JavaWorkload workload(String name) throws MeasurementException {
        try {
            return JavaWorkload.named(name).orElseThrow(() -> new MeasurementException("workload '" + name
                    + "' has no Java implementation: create " + JavaWorkload.sourceFile(name) + " (suites/README.md,"
                    + " Adding a workload)"));
        } catch (IllegalStateException e) {
            throw new MeasurementException(e.getMessage());
        }
    }

    @Override
    public boolean warmsUpAcrossSamples(Job job) {
        return JavaWorkload.named(job.workload()).map(w -> w.warmsUpAcrossSamples(job)).orElse(true);
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (!models().contains(job.model())) {
            throw new MeasurementException("unknown Java model '" + job.model() + "' (known: " + models() + ")");
        }
        return workload(job.workload()).runSupported(job);
    }
}
