package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Waits overlap": {@code units} concurrent waits of {@code iterations} ms each finish in about one wait, not in
 * units × one. The wall time in waits is the ratio; load only lengthens it, so a pass is never a false one.
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
    public Verdict judge(Measurements m, PlanContext plan) {
        double waitSeconds = plan.claim().iterations() / 1000.0;
        int waits = plan.sizes().apply(plan.runtime()).units();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("wall_ms", m.estimate(Series.TARGET, s -> s.sample().wallSeconds() * 1000, " ms"));
        Estimate ratio = m.estimate(Series.TARGET, s -> s.sample().wallSeconds() / waitSeconds, "×");
        numbers.put("waits_per_wait", ratio);
        String facts = waits + " waits of " + plan.claim().iterations() + " ms took " + numbers.get("wall_ms") + " = "
                + ratio + " one wait (serial would be " + waits + "×, limit " + Stats.format(maxRatio) + "×)";
        if (ratio.ciHigh() <= maxRatio) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, "wall_ms");
        }
        if (ratio.ciLow() >= waits / 2.0) {
            return Verdict.of(Outcome.REFUTED, facts + ": the waits ran one after another", numbers, "wall_ms");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + ": too close to call", numbers, "wall_ms");
    }
}
