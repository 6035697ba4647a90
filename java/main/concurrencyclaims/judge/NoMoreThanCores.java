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
 * stays below a limit: {@code tolerance} where the claim gives one, else halfway between the reference's speed (1x)
 * and one more core's worth ((N+1)/N with N platform threads, one per core): 1 + 1/(2N), 1.25 on 2 cores.
 */
public record NoMoreThanCores(Double tolerance) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return tolerance == null ? List.of() : Assertion.requireRange("tolerance", tolerance, 1.0, 2.0);
    }

    /** The claim's tolerance, else 1 + 1/(2N) for the N platform threads of the reference. */
    static double limit(Double tolerance, PlanContext plan) {
        return tolerance != null ? tolerance : 1 + 1.0 / (2 * referenceWorkers(plan));
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
        double limit = limit(tolerance, plan);
        Statistic ratio = new Statistic("ratio_to_reference", "×",
                m.pairedRatios(Series.REFERENCE, Series.TARGET, s -> s.sample().wallSeconds()), Bound.below(limit), true);
        return new Assessment.Measured(ratio, List.of(), numbers, "speedup", "speedup " + numbers.get("speedup")
                + " with " + plan.claim().workersOrDefault() + " workers vs " + numbers.get("reference_speedup")
                + " with " + referenceWorkers(plan) + " platform threads on " + plan.cores() + " CPUs (limit "
                + Stats.format(limit) + "×)");
    }
}
