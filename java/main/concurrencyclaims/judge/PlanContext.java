package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Series;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.WorkloadSize;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything an assertion needs to plan its series: the claim, the runtime and model under test, the control runtime
 * (Java platform threads, known to run in parallel), the CPUs this run may use and the workload size for a runtime.
 */
public record PlanContext(Claim claim, Runtime runtime, String model, Runtime control, int cores,
                          Function<Runtime, WorkloadSize> sizes, Map<String, String> parameters) {

    public PlanContext(Claim claim, Runtime runtime, String model, Runtime control, int cores,
                       Function<Runtime, WorkloadSize> sizes) {
        this(claim, runtime, model, control, cores, sizes, Map.of());
    }

    public Series series(String role, Runtime on, String onModel, int workers) {
        return series(role, on, onModel, workers, Map.of());
    }

    /** A series whose workload parameters are the claim's with {@code overrides} on top. */
    public Series series(String role, Runtime on, String onModel, int workers, Map<String, String> overrides) {
        Map<String, String> merged = new java.util.TreeMap<>(parameters);
        merged.putAll(overrides);
        return new Series(role, on, claim.workload(), onModel, workers, sizes.apply(on), merged);
    }

    public Series target() {
        return series(Series.TARGET, runtime, model, claim.workersOrDefault());
    }

    public Series baseline() {
        return series(Series.BASELINE, runtime, runtime.sequentialModel(), 1);
    }
}
