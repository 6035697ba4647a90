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
 * "Model A costs far more than model B": the wall time of the claim's model is at least {@code min_ratio} times that
 * of {@code cheaper_model} on the same runtime, round by round. With {@code iterations: 0} it measures start-up cost.
 */
public record CostRatio(String cheaperModel, Double minRatio) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>(Assertion.requireRange("min_ratio", minRatio, 1.0, 1e6));
        for (String kind : claim.runtimes().keySet()) {
            List<String> known = concurrencyclaims.runtime.RuntimeKinds.MODELS.getOrDefault(kind, List.of());
            if (cheaperModel == null || !known.contains(cheaperModel)) {
                problems.add("'cheaper_model' must be a model of " + kind + " " + known + ", got '" + cheaperModel + "'");
            }
        }
        return problems;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.series(Series.BASELINE, plan.runtime(), cheaperModel, plan.claim().workersOrDefault()),
                plan.target());
    }

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("start_ms", m.estimate(Series.TARGET, s -> s.sample().wallSeconds() * 1000, " ms"));
        numbers.put("cheaper_start_ms", m.estimate(Series.BASELINE, s -> s.sample().wallSeconds() * 1000, " ms"));
        Estimate ratio = Stats.estimate(m.pairedRatios(Series.TARGET, Series.BASELINE, s -> s.sample().wallSeconds()), "×");
        numbers.put("cost_ratio", ratio);
        String facts = plan.model() + " took " + numbers.get("start_ms") + ", " + cheaperModel + " "
                + numbers.get("cheaper_start_ms") + ": ratio " + ratio + ", needed ≥ " + Stats.format(minRatio) + "×";
        if (ratio.ciLow() >= minRatio) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, "cost_ratio");
        }
        if (ratio.ciHigh() < minRatio) {
            return Verdict.of(Outcome.REFUTED, facts, numbers, "cost_ratio");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + ": too close to call", numbers, "cost_ratio");
    }
}
