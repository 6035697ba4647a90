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
 * "This model runs CPU work in parallel", judged by how its workers' compute overlaps: at N workers released
 * together once all are up, how many cores the work kept busy at once, round by round (Sample's work_parallelism:
 * each worker's CPU spread over its own interval, c(t) the cores busy at t, and ∫c² dt / ∫c dt, the mean of c over
 * the work's CPU time; N when every worker had a core throughout, 1 when they took turns or shared one core; where a
 * runtime cannot time each worker, the workers' CPU over the span of their work). It must exceed
 * {@code min_utilisation}.
 *
 * <p>Why not the speed-up alone: on a shared virtual machine a core's speed drifts from second to second, so a
 * speed-up, which divides two samples taken at different moments, carries that noise twice, and even the work's span
 * ends with its slowest worker; the statistic is taken within one sample, and neither a slow core nor start-up cost
 * enters it much. Nor the sum of each worker's CPU over its own duration, which the suite used before: it cannot see
 * a wait outside a worker's timing, so workers that took turns counted as N. The speed-up over the same model with
 * one worker (by the work span where the runtime reports it) is reported beside it. The control (Java platform
 * threads at N workers) must use more than halfway to N cores in the same rounds, else the machine offers no
 * parallelism right now (unless the claim is about the control itself: {@link ControlGate#isTheControl}); a
 * shortfall while other processes kept the CPUs busy is the machine's, not the model's (the rule's busy guard).
 */
public record RunsInParallel(Double minUtilisation) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>(Assertion.requireRange("min_utilisation", minUtilisation, 1.0, 64.0));
        if (claim.workersOrDefault() < 2) {
            problems.add("running in parallel needs 'workers' of at least 2");
        } else if (minUtilisation != null && minUtilisation >= claim.workersOrDefault()) {
            problems.add("'min_utilisation' must be below the number of workers (" + claim.workersOrDefault() + ")");
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
        Series oneWorker = plan.series(Series.BASELINE, plan.runtime(), plan.model(), 1);
        return ControlGate.isTheControl(plan) ? List.of(oneWorker, plan.target())
                : List.of(oneWorker, plan.target(), ControlGate.parallel(plan, plan.claim().workersOrDefault()));
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put("speedup", Stats.estimate(m.pairedRatios(Series.BASELINE, Series.TARGET,
                s -> s.sample().workSeconds()), "×"));
        numbers.put("wall_speedup", m.speedup(Series.TARGET, Series.BASELINE));
        Statistic overlap = new Statistic("work_parallelism", "×",
                m.values(Series.TARGET, s -> s.sample().workParallelism()), Bound.above(minUtilisation), true);
        List<Precondition> gate = ControlGate.isTheControl(plan) ? List.of() : List.of(ControlGate.usesCores(m, workers));
        return new Assessment.Measured(overlap, gate, numbers, "speedup",
                workers + " workers; speedup over one worker " + numbers.get("speedup") + " by the span of the work, "
                        + numbers.get("wall_speedup") + " by wall time");
    }
}
