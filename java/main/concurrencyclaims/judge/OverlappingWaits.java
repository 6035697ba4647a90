package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * "Waits overlap": {@code units} concurrent waits of {@code iterations} ms each finish in about one wait, not in
 * units × one: the time they took, in waits, round by round, stays below {@code max_ratio}. The time is the sample's
 * wall time, or with {@code figures} the sum of those figures the workload reports (many_waits: {@code waits_s}, from
 * releasing the tasks to the last one done, and {@code startup_s}, starting them). With {@code min_ratio} instead the
 * claim is that they do not: at scale, starting the tasks can outlast the wait itself. Load only lengthens the time,
 * so a pass of {@code max_ratio} is never a false one, and a REFUTED of it needs a quiet machine; a pass of
 * {@code min_ratio} needs the quiet machine instead.
 */
public record OverlappingWaits(Double maxRatio, Double minRatio, List<String> figures) implements Assertion {

    public OverlappingWaits {
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    public OverlappingWaits(Double maxRatio) {
        this(maxRatio, null, null);
    }

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>();
        if ((maxRatio == null) == (minRatio == null)) {
            problems.add("give one bound: 'max_ratio' (the waits overlap) or 'min_ratio' (they do not)");
        } else {
            problems.addAll(maxRatio != null ? Assertion.requireRange("max_ratio", maxRatio, 1.0, 100.0)
                    : Assertion.requireRange("min_ratio", minRatio, 1.0, 100.0));
        }
        if (claim.iterations() == null || claim.iterations() < 10) {
            problems.add("'iterations' must give the length of one wait in ms (at least 10)");
        }
        return problems;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.target());
    }

    private ToDoubleFunction<MeasuredSample> seconds() {
        if (figures.isEmpty()) {
            return s -> s.sample().wallSeconds();
        }
        return s -> figures.stream().mapToDouble(f -> s.sample().figure(f)).sum();
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        double waitSeconds = plan.claim().iterations() / 1000.0;
        int waits = plan.sizes().apply(plan.runtime()).units();
        String name = figures.isEmpty() ? "wall_ms" : String.join("+", figures).replace("_s", "") + "_ms";
        ToDoubleFunction<MeasuredSample> seconds = seconds();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put(name, m.estimate(Series.TARGET, s -> seconds.applyAsDouble(s) * 1000, " ms"));
        Bound bound = maxRatio != null ? Bound.below(maxRatio) : Bound.above(minRatio);
        Statistic ratio = new Statistic("waits_per_wait", "×",
                m.values(Series.TARGET, s -> seconds.applyAsDouble(s) / waitSeconds), bound, true, minRatio != null);
        String what = figures.isEmpty() ? "took" : "took, in " + String.join(" + ", figures) + ",";
        return new Assessment.Measured(ratio, List.of(), numbers, name, String.format(java.util.Locale.ROOT,
                "%,d waits of %d ms %s %s (one after another: %,d waits)", waits, plan.claim().iterations(), what,
                numbers.get(name), waits));
    }
}
