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
 * "This model runs CPU work in parallel": its speed-up at N workers reaches a fraction of what the control (Java
 * platform threads) reaches in the same rounds. {@code baseline} is {@code sequential} (the runtime's plain sequential
 * run, so start-up costs count against the model) or {@code one-worker} (the same model with one worker, which
 * isolates the scaling from the fixed cost of starting a process). {@code timing: work-span} times the model by the
 * span of its workers' compute (child JVMs report it) instead of the wall time, which then also holds JVM start-up
 * and class loading: that cost is a claim of its own.
 */
public record SpeedupNearControl(Double minFractionOfControl, String baseline, String timing) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>(Assertion.requireRange("min_fraction_of_control", minFractionOfControl,
                0.1, 1.0));
        if (baseline != null && !List.of("sequential", "one-worker").contains(baseline)) {
            problems.add("'baseline' must be 'sequential' or 'one-worker', got '" + baseline + "'");
        }
        if (timing != null && !List.of("wall", "work-span").contains(timing)) {
            problems.add("'timing' must be 'wall' or 'work-span', got '" + timing + "'");
        }
        if (claim.workersOrDefault() < 2) {
            problems.add("a speed-up needs 'workers' of at least 2");
        }
        return problems;
    }

    /** With fewer CPUs than workers no measurement can show parallelism: say so without spending the time. */
    @Override
    public java.util.Optional<Verdict> decidedWithoutMeasuring(PlanContext plan) {
        return ControlGate.tooFewCores(plan);
    }

    @Override
    public List<Series> series(PlanContext plan) {
        Series base = "one-worker".equals(baseline)
                ? plan.series(Series.BASELINE, plan.runtime(), plan.model(), 1)
                : plan.baseline();
        List<Series> all = new ArrayList<>(List.of(base, plan.target()));
        all.addAll(ControlGate.series(plan, plan.claim().workersOrDefault()));
        return all;
    }

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        ToDoubleFunction<MeasuredSample> time = "work-span".equals(timing)
                ? s -> s.sample().workSeconds() : s -> s.sample().wallSeconds();
        double[] modelSpeedups = m.pairedRatios(Series.BASELINE, Series.TARGET, time);
        numbers.put("speedup", Stats.estimate(modelSpeedups, "×"));
        numbers.put("control_speedup", ControlGate.controlSpeedup(m));
        numbers.put("utilisation", m.estimate(Series.TARGET, s -> s.sample().utilisation(), "×"));
        double[] controlSpeedups = m.speedups(Series.CONTROL, Series.CONTROL_BASELINE);
        double[] ratios = new double[Math.min(modelSpeedups.length, controlSpeedups.length)];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = modelSpeedups[i] / controlSpeedups[i];
        }
        Estimate ratio = Stats.estimate(ratios, "×");
        numbers.put("ratio_to_control", ratio);
        var gate = ControlGate.unlessParallel(m, plan, workers, numbers, "speedup");
        if (gate.isPresent()) {
            return gate.get();
        }
        String facts = "speedup " + numbers.get("speedup") + " at " + workers + " workers vs control "
                + numbers.get("control_speedup") + ": ratio " + ratio + ", needed ≥ " + Stats.format(minFractionOfControl);
        if (ratio.median() >= minFractionOfControl) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, "speedup");
        }
        if (ratio.ciHigh() < minFractionOfControl && !ControlGate.machineWasBusy(m)) {
            return Verdict.of(Outcome.REFUTED, facts + ": the model did not run in parallel as the control did",
                    numbers, "speedup");
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + (ControlGate.machineWasBusy(m)
                ? ": short of the control while the machine was busy" + ControlGate.busy(m) : ": too close to call"),
                numbers, "speedup");
    }
}
