package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A speed-up: at N workers (N ≤ cores, or any N for work that waits) the model finishes the same work at least
 * {@code min_speedup} times sooner than its sequential run, round by round. Used for file I/O that threads overlap
 * (CPU parallelism is judged by {@link RunsInParallel}, within one sample). A shortfall while other processes kept the
 * CPUs busy is the machine's, not the model's (the rule's busy guard).
 */
public record Speedup(Double minSpeedup) implements Assertion {
    @Override
    public List<String> problems(Claim claim) {
        return Assertion.requireRange("min_speedup", minSpeedup, 1.0, 1000.0);
    }

    /**
     * A speed-up beyond the CPUs this run may use could come only from waiting work; on such a machine a CPU-bound
     * model would fall short without saying anything about it, so the claim is not measured.
     */
    @Override
    public java.util.Optional<Verdict> decidedWithoutMeasuring(PlanContext plan) {
        return plan.cores() >= Math.ceil(minSpeedup) ? java.util.Optional.empty() : java.util.Optional.of(
                Verdict.notMeasured("only " + plan.cores() + " CPU(s) available to this run: a speed-up of "
                        + concurrencyclaims.measure.Stats.format(minSpeedup) + "× needs more (not measured)"));
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.baseline(), plan.target());
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("utilisation", m.estimate(Series.TARGET, s -> s.sample().utilisation(), "×"));
        Statistic speedup = new Statistic("speedup", "×", m.speedups(Series.TARGET, Series.BASELINE),
                Bound.above(minSpeedup), true);
        return new Assessment.Measured(speedup, List.of(), numbers, "speedup",
                workers + " workers on " + plan.cores() + " CPUs, utilisation " + numbers.get("utilisation"));
    }
}
