package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Waits overlap": {@code units} concurrent waits of {@code iterations} ms each finish in about one wait, not in
 * units × one: the wall time in waits, round by round, stays below {@code max_ratio}. Load only lengthens it, so a
 * pass is never a false one, and a REFUTED needs a quiet machine.
 */
public record OverlappingWaits(Double maxRatio) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>(Assertion.requireRange("max_ratio", maxRatio, 1.0, 100.0));
        if (claim.iterations() == null || claim.iterations() < 10) {
            problems.add("'iterations' must give the length of one wait in ms (at least 10)");
        }
        return problems;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.target());
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        double waitSeconds = plan.claim().iterations() / 1000.0;
        int waits = plan.sizes().apply(plan.runtime()).units();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("wall_ms", m.estimate(Series.TARGET, s -> s.sample().wallSeconds() * 1000, " ms"));
        Statistic ratio = new Statistic("waits_per_wait", "×",
                m.values(Series.TARGET, s -> s.sample().wallSeconds() / waitSeconds), Bound.below(maxRatio), true);
        return new Assessment.Measured(ratio, List.of(), numbers, "wall_ms", waits + " waits of "
                + plan.claim().iterations() + " ms took " + numbers.get("wall_ms") + " (one after another: " + waits
                + " waits)");
    }
}
