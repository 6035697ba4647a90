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
 * "More (lighter) threads do not buy more CPU speed than the cores allow": the model's speed-up with many workers,
 * round by round, over the speed-up of the control with one platform thread per available core in the same round,
 * stays below {@code tolerance}.
 */
public record NoMoreThanCores(Double tolerance) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return Assertion.requireRange("tolerance", tolerance, 1.0, 2.0);
    }

    /** Platform threads, one per core, as many as split the units evenly. */
    static int referenceWorkers(PlanContext plan) {
        int units = plan.sizes().apply(plan.control()).units();
        int workers = Math.max(1, Math.min(plan.cores(), units));
        while (units % workers != 0) {
            workers--;
        }
        return workers;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.baseline(), plan.target(),
                plan.series(Series.REFERENCE, plan.control(), "platform-threads", referenceWorkers(plan)));
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("speedup", m.speedup(Series.TARGET, Series.BASELINE));
        numbers.put("reference_speedup", m.speedup(Series.REFERENCE, Series.BASELINE));
        Statistic ratio = new Statistic("ratio_to_reference", "×",
                m.pairedRatios(Series.REFERENCE, Series.TARGET, s -> s.sample().wallSeconds()), Bound.below(tolerance),
                true);
        return new Assessment.Measured(ratio, List.of(), numbers, "speedup", "speedup " + numbers.get("speedup")
                + " with " + plan.claim().workersOrDefault() + " workers vs " + numbers.get("reference_speedup")
                + " with " + referenceWorkers(plan) + " platform threads on " + plan.cores() + " CPUs (limit "
                + Stats.format(tolerance) + "×)");
    }
}
