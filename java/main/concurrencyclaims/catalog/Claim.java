package concurrencyclaims.catalog;

import concurrencyclaims.judge.Assertion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A documented claim as data: what it says and where, the experiment that tests it (workload, the runtime kinds it is
 * judged on with their models, workers) and the assertion that judges the measurements. {@code iterations} fixes the
 * workload size (e.g. 0 for a start-up cost), with {@code units} of it (default 12: many small messages need more);
 * absent, the harness sizes the workload so one sequential run takes the run's target time, or {@code minSeconds} when
 * that is longer (workers that start cold need longer jobs to show their speed). {@code parameters} go to the workload
 * as they are (e.g. {@code channel: shared-memory}). {@code boundSource} says where the assertion's bound comes
 * from: the source's words, a documented figure, or a derivation; never from what made a run pass. {@code requires}
 * says which Python interpreters it is about (the GIL on or off, a version range, an implementation).
 */
public record Claim(String id, String quote, Source source, String note, String workload,
                    Map<String, List<String>> runtimes, Integer workers, Long iterations, Integer units,
                    Double minSeconds, Map<String, String> parameters, Assertion assertion, String boundSource,
                    Requires requires) {

    public record Source(String document, String section, String url) {
    }

    public Claim {
        runtimes = runtimes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runtimes));
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A claim of the default 12 units and no workload parameters. */
    public Claim(String id, String quote, Source source, String note, String workload,
                 Map<String, List<String>> runtimes, Integer workers, Long iterations, Double minSeconds,
                 Assertion assertion) {
        this(id, quote, source, note, workload, runtimes, workers, iterations, null, minSeconds, null, assertion, null,
                null);
    }

    /** How many units of {@code iterations} a fixed-size claim runs. */
    public int unitsOrDefault() {
        return units == null ? concurrencyclaims.runtime.WorkloadSize.DEFAULT_UNITS : units;
    }

    /** The models this claim is judged under on runtimes of {@code kind}; empty when it does not apply there. */
    public List<String> modelsFor(String kind) {
        return runtimes.getOrDefault(kind, List.of());
    }

    public int workersOrDefault() {
        return workers == null ? 2 : workers;
    }
}
