package concurrencyclaims.measure;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.WorkloadSize;
import java.time.Duration;
import java.util.Map;

/**
 * One line of measurements: a runtime running a workload under a model with some workers. {@code role} says what the
 * series is for in its claim ({@link #BASELINE}, {@link #TARGET}, {@link #CONTROL_BASELINE}, {@link #CONTROL}...).
 */
public record Series(String role, Runtime runtime, String workload, String model, int workers, WorkloadSize size,
                     Map<String, String> parameters) {
    public static final String BASELINE = "baseline";
    public static final String TARGET = "target";
    public static final String REFERENCE = "reference";
    public static final String CONTROL_BASELINE = "control-baseline";
    public static final String CONTROL = "control";

    public Series(String role, Runtime runtime, String workload, String model, int workers, WorkloadSize size) {
        this(role, runtime, workload, model, workers, size, Map.of());
    }

    public Job job(Duration timeout) {
        return new Job(workload, model, workers, size, timeout, parameters);
    }

    /** What a warm-up warms: the runtime running this workload under this model, at this size and these workers. */
    public String warmUpKey() {
        return runtime.id() + "/" + workload + "/" + model + "×" + workers + "/" + size + "/" + parameters;
    }

    public String label() {
        return runtime.id() + "/" + model + "×" + workers + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
