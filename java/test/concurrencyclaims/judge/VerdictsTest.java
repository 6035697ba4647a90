package concurrencyclaims.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.FakeRuntime;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every assertion kind reaches every verdict it can give, on synthetic numbers. */
class VerdictsTest {
    private static final FakeRuntime RUNTIME = new FakeRuntime("model", job -> null);
    private static final FakeRuntime CONTROL = new FakeRuntime("control", job -> null);
    private static final WorkloadSize SIZE = new WorkloadSize(12, 1000);

    private static PlanContext plan(Assertion assertion, int workers, int cores) {
        Claim claim = new Claim("c", "q", new Claim.Source("d", "s", "u"), null, "integer_hash",
                Map.of("java", List.of("platform-threads")), workers, null, null, assertion);
        return new PlanContext(claim, RUNTIME, "platform-threads", CONTROL, cores, r -> SIZE);
    }

    /** Walls and CPU times per role, one value per round; {@code foreignCores} of load in every sample. */
    private static Measurements measurements(PlanContext plan, Map<String, double[]> walls, Map<String, double[]> cpus,
                                             double foreignCores) {
        Measurements m = new Measurements();
        for (Series s : plan.claim().assertion().series(plan)) {
            double[] w = walls.get(s.role());
            for (int round = 0; round < w.length; round++) {
                double cpu = cpus.containsKey(s.role()) ? cpus.get(s.role())[round] : w[round];
                m.add(s, new MeasuredSample(round, false, FakeRuntime.sample(w[round], cpu), w[round],
                        foreignCores * w[round]));
            }
        }
        return m;
    }

    private static double[] of(double... values) {
        return values;
    }

    private static Outcome judge(Assertion a, int workers, int cores, Map<String, double[]> walls,
                                 Map<String, double[]> cpus, double foreignCores) {
        return verdict(a, plan(a, workers, cores), measurements(plan(a, workers, cores), walls, cpus, foreignCores))
                .outcome();
    }

    /** What the decision rule makes of {@code a}'s assessment; the verdict must be settled unless INCONCLUSIVE. */
    private static Verdict verdict(Assertion a, PlanContext plan, Measurements m) {
        if (plan.cores() < plan.claim().workersOrDefault() && a.decidedWithoutMeasuring(plan).isPresent()) {
            return a.decidedWithoutMeasuring(plan).get();
        }
        Judgement j = DecisionRule.judge(a.assess(m, plan), m, 8);
        assertTrue(!j.verdict().reason().isBlank());
        assertTrue(j.settled() || j.verdict().outcome() == Outcome.INCONCLUSIVE, j.toString());
        return j.verdict();
    }

    @Test
    void noSpeedup() {
        NoSpeedup a = new NoSpeedup(1.15);
        Map<String, double[]> walls = Map.of("baseline", of(1, 1, 1), "target", of(1, 1, 1), "control", of(0.5, 0.5, 0.5));
        Map<String, double[]> parallelControl = Map.of("control", of(1.0, 0.99, 0.98));
        assertEquals(Outcome.CONFIRMED, judge(a, 2, 2, walls, with(parallelControl, "target", of(1.0, 1.02, 0.98)), 0));
        assertEquals(Outcome.REFUTED, judge(a, 2, 2, walls, with(parallelControl, "target", of(1.9, 1.95, 1.85)), 0));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 2, 2, walls, with(parallelControl, "target", of(1.0, 1.3, 1.1)), 0));
        Map<String, double[]> serialControl = Map.of("control", of(0.5, 0.52, 0.51));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 2, 2, walls, with(serialControl, "target", of(1.0, 1.02, 0.98)), 0),
                "without a free second core any model would stay within one core: that confirms nothing");
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 2, 1, walls, with(parallelControl, "target", of(1.0, 1.02, 0.98)), 0),
                "one CPU cannot tell");
    }

    private static Map<String, double[]> with(Map<String, double[]> map, String role, double[] values) {
        Map<String, double[]> all = new java.util.HashMap<>(map);
        all.put(role, values);
        return all;
    }

    /** Samples whose details carry the work's CPU and span, as the parallel models report them. */
    private static Measurements withWork(PlanContext plan, double[] targetWorkCpu, double[] controlCpu,
                                         double foreignCores) {
        Measurements m = new Measurements();
        for (Series s : plan.claim().assertion().series(plan)) {
            for (int round = 0; round < targetWorkCpu.length; round++) {
                double wall = s.role().equals("baseline") ? 1.0 : 0.5;
                double cpu = s.role().equals("control") ? controlCpu[round] : s.role().equals("target")
                        ? targetWorkCpu[round] : 1.0;
                Map<String, Object> details = Map.of(Sample.WORK_SPAN, wall * 0.95, Sample.WORK_CPU, cpu);
                m.add(s, new MeasuredSample(round, false, new Sample(wall, cpu, 0, -1, details), wall,
                        foreignCores * wall));
            }
        }
        return m;
    }

    @Test
    void runsInParallel() {
        RunsInParallel a = new RunsInParallel(1.5);
        PlanContext plan = plan(a, 2, 2);
        double[] parallelControl = of(0.99, 0.98, 1.0);
        assertEquals(Outcome.CONFIRMED, verdict(a, plan, withWork(plan, of(0.93, 0.92, 0.94), parallelControl, 0))
                .outcome(), "two workers busy for the whole span");
        assertEquals(Outcome.REFUTED, verdict(a, plan, withWork(plan, of(0.48, 0.47, 0.475), parallelControl, 0))
                .outcome(), "workers taking turns keep one core busy");
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan, withWork(plan, of(0.48, 0.47, 0.475), parallelControl, 1.0))
                .outcome(), "a shortfall on a busy machine is not a refutation");
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan, withWork(plan, of(0.6, 0.8, 0.7), parallelControl, 0))
                .outcome(), "an interval straddling the bound");
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan(a, 2, 1), withWork(plan, of(0.93, 0.92, 0.94),
                parallelControl, 0)).outcome(), "one CPU offers no parallelism");
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan, withWork(plan, of(0.93, 0.92, 0.94), of(0.5, 0.51, 0.5), 0))
                .outcome(), "a control that shows no parallelism decides nothing");
    }

    /** The control's own claim: gated on itself it could never be REFUTED, so it is not gated, nor measured twice. */
    @Test
    void runsInParallelOnTheControlItselfCanBeRefuted() {
        RunsInParallel a = new RunsInParallel(1.5);
        Claim claim = plan(a, 2, 2).claim();
        PlanContext plan = new PlanContext(claim, CONTROL, "platform-threads", CONTROL, 2, r -> SIZE);
        assertTrue(a.series(plan).stream().noneMatch(s -> s.role().equals(Series.CONTROL)), a.series(plan).toString());
        // Were it gated on itself, its control would be the same threads, taking turns just the same.
        double[] turns = of(0.48, 0.47, 0.475);
        assertEquals(Outcome.REFUTED, verdict(a, plan, withWork(plan, turns, turns, 0)).outcome(),
                "threads taking turns on a quiet machine");
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan, withWork(plan, turns, turns, 1.0)).outcome(),
                "on a busy machine");
        double[] together = of(0.93, 0.92, 0.94);
        assertEquals(Outcome.CONFIRMED, verdict(a, plan, withWork(plan, together, together, 0)).outcome());
    }

    /** An exact counter for three samples proves little while a racy one loses updates only now and then. */
    @Test
    void lostUpdatesConfirmOnlyAfterEnoughExactSamplesThatLuckIsUnlikely() {
        LostUpdates a = new LostUpdates("expected", "racy_total", "exact_total");
        PlanContext plan = plan(a, 2, 2);
        java.util.function.IntFunction<Measurements> exactFor = rounds -> {
            Measurements m = new Measurements();
            for (int round = 0; round < rounds; round++) {
                m.add(plan.target(), new MeasuredSample(round, false, new Sample(0.1, 0.2, 100, -1, Map.of("expected",
                        100, "exact_total", 100, "racy_total", 80)), 0.1, 0));
            }
            return m;
        };
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan, exactFor.apply(3)).outcome(),
                "three exact samples beside three racy losses: a counter that racy may stay exact in all three (25 %)");
        assertEquals(Outcome.INCONCLUSIVE, verdict(a, plan, exactFor.apply(4)).outcome());
        assertEquals(Outcome.CONFIRMED, verdict(a, plan, exactFor.apply(5)).outcome());
        assertTrue(LostUpdates.chanceARacyCounterStaysExact(5, 5) < 0.05);
        assertTrue(LostUpdates.chanceARacyCounterStaysExact(8, 2) > 0.05, "a counter that rarely races needs more");
        Measurements lost = exactFor.apply(2);
        lost.add(plan.target(), new MeasuredSample(2, false, new Sample(0.1, 0.2, 100, -1, Map.of("expected", 100,
                "exact_total", 99, "racy_total", 80)), 0.1, 0));
        assertEquals(Outcome.REFUTED, verdict(a, plan, lost).outcome(), "one lost update refutes");
    }

    @Test
    void speedup() {
        Speedup a = new Speedup(1.5);
        assertEquals(Outcome.CONFIRMED, judge(a, 2, 2, Map.of("baseline", of(1, 1, 1), "target", of(0.52, 0.51, 0.53)), Map.of(), 0));
        assertEquals(Outcome.REFUTED, judge(a, 2, 2, Map.of("baseline", of(1, 1, 1), "target", of(1, 0.98, 1.01)), Map.of(), 0));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 2, 2, Map.of("baseline", of(1, 1, 1), "target", of(1, 0.98, 1.01)), Map.of(), 1.0));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 2, 1, Map.of("baseline", of(1, 1, 1), "target", of(1, 0.98, 1.01)), Map.of(), 0));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 2, 2, Map.of("baseline", of(1, 1, 1), "target", of(0.6, 0.75, 0.7)), Map.of(), 0));
    }

    @Test
    void noMoreThanCores() {
        NoMoreThanCores a = new NoMoreThanCores(1.25);
        Map<String, double[]> walls = new java.util.HashMap<>(Map.of("baseline", of(1, 1, 1), "reference", of(0.5, 0.5, 0.5)));
        walls.put("target", of(0.52, 0.5, 0.51));
        assertEquals(Outcome.CONFIRMED, judge(a, 12, 2, walls, Map.of(), 0));
        walls.put("target", of(0.2, 0.21, 0.19));
        assertEquals(Outcome.REFUTED, judge(a, 12, 2, walls, Map.of(), 0));
        walls.put("target", of(0.32, 0.5, 0.4));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 12, 2, walls, Map.of(), 0));
    }

    @Test
    void noMoreThanCoresDerivesItsLimitFromTheCores() {
        NoMoreThanCores a = new NoMoreThanCores(null);
        Map<String, double[]> walls = new java.util.HashMap<>(Map.of("baseline", of(1, 1, 1), "reference",
                of(0.25, 0.25, 0.25), "target", of(0.21, 0.21, 0.21)));
        // 1.19x the reference: more than 1 + 1/8 on 4 cores, less than 1 + 1/4 on 2.
        assertEquals(Outcome.REFUTED, judge(a, 12, 4, walls, Map.of(), 0));
        assertEquals(Outcome.CONFIRMED, judge(a, 12, 2, walls, Map.of(), 0));
    }

    /** Waits of one second each ({@code SIZE}'s iterations), in the figures a workload reports. */
    private static Outcome waits(OverlappingWaits a, double[] startup, double[] waits, double foreignCores) {
        Claim claim = new Claim("c", "q", new Claim.Source("d", "s", "u"), null, "many_waits",
                Map.of("java", List.of("platform-threads")), 12, SIZE.iterations(), null, a);
        PlanContext plan = new PlanContext(claim, RUNTIME, "platform-threads", CONTROL, 2, r -> SIZE);
        Measurements m = new Measurements();
        for (int round = 0; round < waits.length; round++) {
            double wall = startup[round] + waits[round] + 0.5;
            m.add(plan.target(), new MeasuredSample(round, false, new concurrencyclaims.runtime.Sample(wall, 0.1, 12, -1,
                    Map.of("startup_s", startup[round], "waits_s", waits[round])), wall, foreignCores * wall));
        }
        return verdict(a, plan, m).outcome();
    }

    @Test
    void overlappingWaitsInTheFiguresTheWorkloadReports() {
        OverlappingWaits overlap = new OverlappingWaits(2.0, null, List.of("waits_s"));
        assertEquals(Outcome.CONFIRMED, waits(overlap, of(5, 5, 5), of(1.1, 1.05, 1.08), 0),
                "the waits alone, not the start-up or the rest of the sample");
        assertEquals(Outcome.REFUTED, waits(overlap, of(0, 0, 0), of(4.1, 4, 4.2), 0));
        assertEquals(Outcome.INCONCLUSIVE, waits(overlap, of(0, 0, 0), of(4.1, 4, 4.2), 1), "a busy machine slows waits");
    }

    @Test
    void wavesThatDoNotOverlapNeedAQuietMachineToBeConfirmed() {
        OverlappingWaits none = new OverlappingWaits(null, 2.0, List.of("startup_s", "waits_s"));
        assertEquals(Outcome.CONFIRMED, waits(none, of(4, 4.2, 4.1), of(1.1, 1.05, 1.08), 0));
        assertEquals(Outcome.INCONCLUSIVE, waits(none, of(4, 4.2, 4.1), of(1.1, 1.05, 1.08), 1),
                "load lengthens every time: a claim that something takes long cannot be confirmed under it");
        assertEquals(Outcome.REFUTED, waits(none, of(0.1, 0.1, 0.1), of(1.1, 1.05, 1.08), 1),
                "a time within the bound despite the load refutes it");
    }

    @Test
    void costRatio() {
        CostRatio a = new CostRatio("platform-threads", 50.0, null, null);
        assertEquals(Outcome.CONFIRMED, judge(a, 1, 2, Map.of("baseline", of(0.001, 0.001, 0.001), "target", of(0.1, 0.11, 0.12)), Map.of(), 0));
        assertEquals(Outcome.REFUTED, judge(a, 1, 2, Map.of("baseline", of(0.01, 0.01, 0.01), "target", of(0.1, 0.11, 0.12)), Map.of(), 0));
        assertEquals(Outcome.INCONCLUSIVE, judge(a, 1, 2, Map.of("baseline", of(0.002, 0.002, 0.002), "target", of(0.05, 0.11, 0.2)), Map.of(), 0));
    }

    @Test
    void costRatioOnAReportedFigure() {
        CostRatio a = new CostRatio("platform-threads", 5.0, null, "pss_kib_per_worker");
        PlanContext plan = plan(a, 2, 2);
        Measurements m = new Measurements();
        List<Series> series = a.series(plan);
        double[][] pss = {{25, 0, -20}, {3000, 3100, 2900}};  // threads: tens of KiB, or lost in the noise; processes: MiBs
        for (int s = 0; s < 2; s++) {
            for (int round = 0; round < 3; round++) {
                m.add(series.get(s), new MeasuredSample(round, false, new concurrencyclaims.runtime.Sample(0.1, 0.1, 0, -1,
                        Map.of("pss_kib_per_worker", pss[s][round])), 0.1, 0));
            }
        }
        Verdict v = verdict(a, plan, m);
        assertEquals(Outcome.CONFIRMED, v.outcome(), v.reason());
        assertTrue(v.numbers().containsKey("pss_kib_per_worker"), v.numbers().toString());
    }

    @Test
    void costRatioAgainstOtherParametersRunsTheSameModelWithThemOnTop() {
        CostRatio a = new CostRatio(null, 1.5, null, "transfer_s", Map.of("channel", "shared-memory"), null);
        PlanContext plan = plan(a, 1, 2);
        Series cheaper = a.series(plan).getFirst();
        assertEquals("platform-threads", cheaper.model());
        assertEquals(Map.of("channel", "shared-memory"), cheaper.parameters());
        assertEquals(Map.of(), a.series(plan).get(1).parameters());
        assertTrue(cheaper.label().endsWith("{channel=shared-memory}"), cheaper.label());
        CostRatio onControl = new CostRatio(new CostRatio.CheaperModels("sequential"), 4.0, null, null, null, "java");
        assertEquals(CONTROL, onControl.series(plan(onControl, 1, 2)).getFirst().runtime());
        assertEquals(RUNTIME, a.series(plan).getFirst().runtime());
    }

    @Test
    void costRatioWithinBounds() {
        CostRatio alike = new CostRatio("platform-threads", 0.5, 2.0, null);
        assertEquals(Outcome.CONFIRMED, judge(alike, 1, 2, Map.of("baseline", of(1, 1, 1), "target", of(1.1, 0.9, 1.2)), Map.of(), 0));
        assertEquals(Outcome.REFUTED, judge(alike, 1, 2, Map.of("baseline", of(1, 1, 1), "target", of(4, 5, 6)), Map.of(), 0));
        assertEquals(Outcome.INCONCLUSIVE, judge(alike, 1, 2, Map.of("baseline", of(1, 1, 1), "target", of(1.5, 2.5, 1.8)), Map.of(), 0));
    }

    @Test
    void tooFewCoresForAParallelClaimIsDecidedWithoutMeasuring() {
        RunsInParallel a = new RunsInParallel(1.5);
        assertEquals(Outcome.INCONCLUSIVE, a.decidedWithoutMeasuring(plan(a, 2, 1)).orElseThrow().outcome());
        assertTrue(a.decidedWithoutMeasuring(plan(a, 2, 2)).isEmpty());
        Speedup c = new Speedup(1.5);
        assertTrue(c.decidedWithoutMeasuring(plan(c, 2, 1)).isPresent());
        NoSpeedup n = new NoSpeedup(1.15);
        assertTrue(n.decidedWithoutMeasuring(plan(n, 2, 1)).isPresent(),
                "on one CPU no model can use two cores: staying within one proves nothing");
    }
}
