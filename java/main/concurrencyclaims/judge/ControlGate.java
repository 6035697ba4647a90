package concurrencyclaims.judge;

import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Stats;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-run control: Java platform threads on the same workload, interleaved with the claim's own series. A claim
 * about parallel speed-up is judged only when the control shows that the machine offers parallelism right now.
 */
final class ControlGate {
    /** The control must reach this share of ideal speed-up (1.4× at 2 workers) for the machine to count as parallel. */
    static final double MIN_EFFICIENCY = 0.7;

    private ControlGate() {
    }

    static List<Series> series(PlanContext plan, int workers) {
        return List.of(plan.series(Series.CONTROL_BASELINE, plan.control(), "sequential", 1),
                plan.series(Series.CONTROL, plan.control(), "platform-threads", workers));
    }

    static Estimate controlSpeedup(Measurements m) {
        return m.speedup(Series.CONTROL, Series.CONTROL_BASELINE);
    }

    static Optional<Verdict> tooFewCores(PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        return plan.cores() >= workers ? Optional.empty() : Optional.of(Verdict.of(Outcome.INCONCLUSIVE, "only "
                + plan.cores() + " CPU(s) available to this run: the machine offers no parallelism at " + workers
                + " workers (not measured)", Map.of(), null));
    }

    /** An INCONCLUSIVE verdict when the machine cannot show parallelism at {@code workers}, else empty. */
    static Optional<Verdict> unlessParallel(Measurements m, PlanContext plan, int workers, Map<String, Estimate> numbers,
                                            String keyNumber) {
        if (plan.cores() < workers) {
            return Optional.of(Verdict.of(Outcome.INCONCLUSIVE, "only " + plan.cores() + " CPU(s) available to this run:"
                    + " the machine offers no parallelism at " + workers + " workers", numbers, keyNumber));
        }
        Estimate control = controlSpeedup(m);
        double needed = MIN_EFFICIENCY * workers;
        if (control.median() < needed) {
            return Optional.of(Verdict.of(Outcome.INCONCLUSIVE, "the control (Java platform threads) reached only "
                    + control + " at " + workers + " workers, below " + Stats.format(needed) + "×: the machine is busy"
                    + busy(m), numbers, keyNumber));
        }
        return Optional.empty();
    }

    /**
     * Foreign load (in cores) above which a shortfall is blamed on the machine, not the model. Half a core: an
     * interpreter's own start-up is counted as foreign (it precedes the work it times), a neighbour's load is more.
     */
    static final double BUSY_CORES = 0.5;

    static boolean machineWasBusy(Measurements m) {
        return m.peakForeignCores() > BUSY_CORES;
    }

    static String busy(Measurements m) {
        return " (other processes kept up to " + Stats.format(m.peakForeignCores()) + " cores busy)";
    }
}
