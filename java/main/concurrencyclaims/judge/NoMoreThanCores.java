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
 * "More (lighter) threads do not buy more CPU speed than the cores allow": the model with many workers is no faster
 * than the control with one platform thread per available core, measured in the same rounds.
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
    public Verdict judge(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        Estimate speedup = m.speedup(Series.TARGET, Series.BASELINE);
        Estimate reference = m.speedup(Series.REFERENCE, Series.BASELINE);
        Estimate ratio = Stats.estimate(m.pairedRatios(Series.REFERENCE, Series.TARGET, s -> s.sample().wallSeconds()), "×");
        numbers.put("speedup", speedup);
        numbers.put("reference_speedup", reference);
        numbers.put("ratio_to_reference", ratio);
        String facts = "speedup " + speedup + " with " + plan.claim().workersOrDefault() + " workers vs "
                + reference + " with " + referenceWorkers(plan) + " platform threads on " + plan.cores()
                + " CPUs: ratio " + ratio + ", limit " + Stats.format(tolerance) + "×";
        if (ratio.median() <= tolerance && speedup.median() <= plan.cores() * tolerance) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, "speedup");
        }
        if (ratio.ciLow() > tolerance || speedup.ciLow() > plan.cores() * tolerance) {
            return Verdict.of(Outcome.REFUTED, facts + ": more workers gave more speed than the cores allow", numbers,
                    "speedup");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + ": too close to call", numbers, "speedup");
    }
}
