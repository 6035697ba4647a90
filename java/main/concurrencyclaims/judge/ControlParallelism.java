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
 * The control judged on its own, against the core count: at N workers (N ≤ cores) a model with true parallelism
 * reaches {@code min_efficiency} × N. A shortfall is REFUTED only when nothing else was using the CPUs meanwhile.
 */
public record ControlParallelism(Double minEfficiency) implements Assertion {
    @Override
    public List<String> problems(Claim claim) {
        return Assertion.requireRange("min_efficiency", minEfficiency, 0.1, 1.0);
    }

    /** With fewer CPUs than workers no measurement can show parallelism: say so without spending the time. */
    @Override
    public java.util.Optional<Verdict> decidedWithoutMeasuring(PlanContext plan) {
        return ControlGate.tooFewCores(plan);
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.baseline(), plan.target());
    }

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        Estimate speedup = m.speedup(Series.TARGET, Series.BASELINE);
        numbers.put("speedup", speedup);
        numbers.put("utilisation", m.estimate(Series.TARGET, s -> s.sample().utilisation(), "×"));
        if (plan.cores() < workers) {
            return Verdict.of(Outcome.INCONCLUSIVE, "only " + plan.cores() + " CPU(s) available to this run: "
                    + workers + " workers cannot run in parallel here; speedup " + speedup, numbers, "speedup");
        }
        double needed = minEfficiency * workers;
        String facts = "speedup " + speedup + " at " + workers + " workers on " + plan.cores() + " CPUs, needed ≥ "
                + Stats.format(needed) + "×";
        if (speedup.median() >= needed) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, "speedup");
        }
        if (ControlGate.machineWasBusy(m)) {
            return Verdict.of(Outcome.INCONCLUSIVE, facts + ": the machine was busy" + ControlGate.busy(m), numbers,
                    "speedup");
        }
        if (speedup.ciHigh() < needed) {
            return Verdict.of(Outcome.REFUTED, facts + " on an otherwise idle machine", numbers, "speedup");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + ": too close to call", numbers, "speedup");
    }
}
