package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "This model does not run CPU work in parallel", judged by utilisation = CPU time / wall time at N workers: work
 * that never runs on two cores at once cannot use more than one core's worth of CPU, whatever the machine's load.
 */
public record NoSpeedup(Double maxUtilisation) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return Assertion.requireRange("max_utilisation", maxUtilisation, 1.0, 2.0);
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.baseline(), plan.target());
    }

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        Estimate utilisation = m.estimate(Series.TARGET, s -> s.sample().utilisation(), "×");
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("utilisation", utilisation);
        numbers.put("speedup", m.speedup(Series.TARGET, Series.BASELINE));
        String limit = " (limit " + Stats.format(maxUtilisation) + "×)";
        if (utilisation.ciHigh() <= maxUtilisation) {
            return Verdict.of(Outcome.CONFIRMED, "utilisation " + utilisation + " stays within one core" + limit
                    + "; speedup " + numbers.get("speedup"), numbers, "utilisation");
        }
        if (utilisation.ciLow() > maxUtilisation) {
            return Verdict.of(Outcome.REFUTED, "utilisation " + utilisation + " exceeds one core" + limit
                    + ": the work ran in parallel; speedup " + numbers.get("speedup"), numbers, "utilisation");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, "utilisation " + utilisation + " straddles the limit" + limit,
                numbers, "utilisation");
    }
}
