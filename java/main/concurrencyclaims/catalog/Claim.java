package concurrencyclaims.catalog;

import concurrencyclaims.judge.Assertion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A documented claim as data: what it says and where, the experiment that tests it (workload, the runtime kinds it is
 * judged on with their models, workers) and the assertion that judges the measurements. {@code iterations} fixes the workload size (e.g. 0 for a
 * start-up cost); absent, the harness sizes the workload so one sequential run takes the run's target time, or
 * {@code minSeconds} when that is longer (workers that start cold need longer jobs to show their speed).
 */
public record Claim(String id, String quote, Source source, String note, String workload,
                    Map<String, List<String>> runtimes, Integer workers, Long iterations, Double minSeconds,
                    Assertion assertion) {

    public record Source(String document, String section, String url) {
    }

    public Claim {
        runtimes = runtimes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runtimes));
    }

    /** The models this claim is judged under on runtimes of {@code kind}; empty when it does not apply there. */
    public List<String> modelsFor(String kind) {
        return runtimes.getOrDefault(kind, List.of());
    }

    public int workersOrDefault() {
        return workers == null ? 2 : workers;
    }
}
