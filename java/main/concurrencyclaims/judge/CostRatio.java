package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * "Model A costs far more than model B": a cost of the claim's model is at least {@code min_ratio} times that of
 * {@code cheaper_model} on the same runtime, round by round. The cost is the wall time (with {@code iterations: 0}, the
 * cost of starting and joining workers) or, with {@code figure}, a figure the workload reports, such as
 * {@code pss_kib_per_worker} or {@code transfer_s}.
 */
public record CostRatio(String cheaperModel, Double minRatio, String figure) implements Assertion {
    /** A cheaper cost at or below zero (a thread whose memory is lost in the noise) counts as this little. */
    private static final double SMALLEST_COST = 1e-9;

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

    private String costName() {
        return figure == null ? "start_ms" : figure;
    }

    private ToDoubleFunction<MeasuredSample> cost() {
        return figure == null ? s -> s.sample().wallSeconds() * 1000 : s -> DetailRatio.figure(s.sample().details(), figure);
    }

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        String unit = figure == null ? " ms" : "";
        numbers.put(costName(), m.estimate(Series.TARGET, cost(), unit));
        numbers.put("cheaper_" + costName(), m.estimate(Series.BASELINE, cost(), unit));
        ToDoubleFunction<MeasuredSample> cost = cost();
        List<MeasuredSample> target = m.measured(Series.TARGET);
        List<MeasuredSample> cheaper = m.measured(Series.BASELINE);
        double[] ratios = new double[Math.min(target.size(), cheaper.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = cost.applyAsDouble(target.get(i)) / Math.max(SMALLEST_COST, cost.applyAsDouble(cheaper.get(i)));
        }
        Estimate ratio = Stats.estimate(ratios, "×");
        numbers.put("cost_ratio", ratio);
        String facts = costName() + " " + plan.model() + " " + numbers.get(costName()) + " vs " + cheaperModel + " "
                + numbers.get("cheaper_" + costName()) + ": ratio " + ratio + ", needed ≥ " + Stats.format(minRatio) + "×";
        if (ratio.ciLow() >= minRatio) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, "cost_ratio");
        }
        if (ratio.ciHigh() < minRatio) {
            return Verdict.of(Outcome.REFUTED, facts, numbers, "cost_ratio");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + ": too close to call", numbers, "cost_ratio");
    }
}
