package concurrencyclaims.judge;

import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.Optional;

/**
 * The in-run control: Java platform threads on the same workload, interleaved with the claim's own series. A claim
 * about parallelism (that a model has it, or that it lacks it) is judged only while the control shows that the
 * machine offers parallelism right now: a claim that cannot come out REFUTED on this machine cannot come out
 * CONFIRMED either.
 */
final class ControlGate {
    private ControlGate() {
    }

    /** The control's run at {@code workers} threads alone, for a gate on its utilisation. */
    static Series parallel(PlanContext plan, int workers) {
        return plan.series(Series.CONTROL, plan.control(), CONTROL_MODEL, workers);
    }

    private static final String CONTROL_MODEL = "platform-threads";

    /**
     * The claim is about the control's own model: gated on itself, a run of the same threads in the same rounds, it
     * could never come out REFUTED (whenever its statistic fell short the gate would too), and it would be measured
     * twice. Such a claim has no gate; the rule's busy guard still keeps a loaded machine from refuting it.
     */
    static boolean isTheControl(PlanContext plan) {
        return plan.runtime().id().equals(plan.control().id()) && plan.model().equals(CONTROL_MODEL);
    }

    /**
     * Halfway between no parallelism (1×) and the ideal ({@code workers}×): the point that tells the two apart, from
     * either side, with equal margins. 1.5× at 2 workers.
     */
    static double halfwayToIdeal(int workers) {
        return (1 + workers) / 2.0;
    }

    /**
     * How many cores the control's threads kept busy at once at {@code workers} threads (Sample's work_parallelism,
     * made of each thread's own CPU over its own work's interval, which the JVM's compiler and GC threads do not
     * enter), must be above halfway to the ideal.
     */
    static Precondition usesCores(Measurements m, int workers) {
        return new Precondition(new Statistic("control_parallelism", "×",
                m.values(Series.CONTROL, s -> s.sample().workParallelism()), Bound.above(halfwayToIdeal(workers)),
                true), noParallelism(workers));
    }

    private static String noParallelism(int workers) {
        return "the control (Java platform threads) shows no parallelism at " + workers + " workers: the machine"
                + " cannot show what the claim is about right now";
    }

    static Optional<Verdict> tooFewCores(PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        return plan.cores() >= workers ? Optional.empty() : Optional.of(Verdict.notMeasured("only " + plan.cores()
                + " CPU(s) available to this run: the machine offers no parallelism at " + workers
                + " workers, so no measurement could tell parallel from serial (not measured)"));
    }
}
