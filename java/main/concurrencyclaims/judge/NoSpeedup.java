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
 * "This model does not run CPU work in parallel", judged by utilisation = CPU time / wall time at N workers: work
 * that never runs on two cores at once cannot use more than one core's worth of CPU. Load can only lower a
 * utilisation, so a REFUTED needs no quiet machine; but a machine without a free second core would CONFIRM the claim
 * for any model, so the control's utilisation in the same rounds must show that parallelism was there to take.
 */
public record NoSpeedup(Double maxUtilisation) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return Assertion.requireRange("max_utilisation", maxUtilisation, 1.0, 2.0);
    }

    @Override
    public java.util.Optional<Verdict> decidedWithoutMeasuring(PlanContext plan) {
        return ControlGate.tooFewCores(plan);
    }

    @Override
    public List<Series> series(PlanContext plan) {
        List<Series> all = new ArrayList<>(List.of(plan.baseline(), plan.target()));
        all.add(ControlGate.parallel(plan, plan.claim().workersOrDefault()));
        return all;
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("speedup", m.speedup(Series.TARGET, Series.BASELINE));
        Statistic utilisation = new Statistic("utilisation", "×", m.values(Series.TARGET, s -> s.sample().utilisation()),
                Bound.below(maxUtilisation), false);
        return new Assessment.Measured(utilisation, List.of(ControlGate.usesCores(m, plan.claim().workersOrDefault())),
                numbers, "utilisation", "speedup " + numbers.get("speedup") + " at " + plan.claim().workersOrDefault()
                + " workers");
    }
}
