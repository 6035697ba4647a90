package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Series;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.WorkloadSize;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything an assertion needs to plan its series: the claim, the runtime and model under test, the control runtime
 * (Java platform threads, known to run in parallel) and the workload it runs (the claim's, or integer_hash where the
 * claim's has no Java implementation), the CPUs this run may use and the workload size for a runtime.
 */
public record PlanContext(Claim claim, Runtime runtime, String model, Runtime control, int cores,
                          Function<Runtime, WorkloadSize> sizes, Map<String, String> parameters,
                          String controlWorkload) {

    /** The control's workload when the claim's has no Java implementation. */
    public static final String DEFAULT_CONTROL_WORKLOAD = "integer_hash";

    public PlanContext(Claim claim, Runtime runtime, String model, Runtime control, int cores,
                       Function<Runtime, WorkloadSize> sizes) {
        this(claim, runtime, model, control, cores, sizes, Map.of(), claim.workload());
    }

    public PlanContext(Claim claim, Runtime runtime, String model, Runtime control, int cores,
                       Function<Runtime, WorkloadSize> sizes, Map<String, String> parameters) {
        this(claim, runtime, model, control, cores, sizes, parameters, claim.workload());
    }

    public Series series(String role, Runtime on, String onModel, int workers) {
        return series(role, on, onModel, workers, Map.of());
    }

    /**
     * A series whose workload parameters are the claim's with {@code overrides} on top; on the control, when it runs
     * a workload of its own, that workload without the claim's parameters.
     */
    public Series series(String role, Runtime on, String onModel, int workers, Map<String, String> overrides) {
        boolean ownWorkload = on == control && !controlWorkload.equals(claim.workload());
        Map<String, String> merged = new java.util.TreeMap<>(ownWorkload ? Map.of() : parameters);
        merged.putAll(overrides);
        return new Series(role, on, ownWorkload ? controlWorkload : claim.workload(), onModel, workers, sizes.apply(on),
                merged);
    }

    public Series target() {
        return series(Series.TARGET, runtime, model, claim.workersOrDefault());
    }

    public Series baseline() {
        return series(Series.BASELINE, runtime, runtime.sequentialModel(), 1);
    }
}
