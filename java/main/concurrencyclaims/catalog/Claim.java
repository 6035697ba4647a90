package concurrencyclaims.catalog;

import concurrencyclaims.judge.Assertion;
import java.util.List;

/**
 * A documented claim as data: what it says and where, the experiment that tests it (workload, runtime kind, models,
 * workers) and the assertion that judges the measurements. {@code iterations} fixes the workload size (e.g. 0 for a
 * start-up cost); absent, the harness sizes the workload to the run's target time on each runtime.
 */
public record Claim(String id, String quote, Source source, String note, String workload, String runtime,
                    List<String> models, Integer workers, Long iterations, Assertion assertion) {

    public record Source(String document, String section, String url) {
    }

    public Claim {
        models = models == null ? List.of() : List.copyOf(models);
    }

    public int workersOrDefault() {
        return workers == null ? 2 : workers;
    }
}
