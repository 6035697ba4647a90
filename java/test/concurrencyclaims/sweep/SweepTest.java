package concurrencyclaims.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.FakeRuntime;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Measurer;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Settings;
import concurrencyclaims.report.Results;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepTest {
    private static final Settings SETTINGS = new Settings(true, 1, 6, 10, 0.2, Duration.ofSeconds(10));

    /** Tasks that cost {@code kib} each and start in {@code msEach} each; the sample sleeps that long. */
    private static Sample tasks(Job job, double kib, double msEach) {
        int n = job.workers();
        double startup = n * msEach / 1000;
        try {
            Thread.sleep((long) (startup * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Sample(startup + 0.1, startup, n, -1, Map.of("pss_kib_before", 1000.0, "pss_kib_during",
                1000.0 + kib * n, "startup_s", startup, "waits_s", 0.1 + 0.00001 * n, "pss_kib_per_task", kib));
    }

    private static FakeRuntime runtime(double kib, double msEach, int failsAt, String failure) {
        return runtime("fake", kib, msEach, failsAt, failure);
    }

    private static FakeRuntime runtime(String id, double kib, double msEach, int failsAt, String failure) {
        return new FakeRuntime(id, job -> tasks(job, kib, msEach)) {
            @Override
            public Sample run(Job job) throws MeasurementException {
                if (job.workers() >= failsAt) {
                    jobs.add(job);
                    throw new MeasurementException("many_waits · " + job.model() + ": " + failure);
                }
                return super.run(job);
            }
        };
    }

    private static Results.Sweep sweep(FakeRuntime runtime, double budget) throws MeasurementException {
        return sweep(new Sweep(new Measurer(SETTINGS, line -> { }), 10_000, budget, line -> { }), runtime);
    }

    /** One line with no budget but the one a sample; throws the failure that ended it where that was no limit. */
    private static Results.Sweep sweep(Sweep sweep, FakeRuntime runtime) throws MeasurementException {
        Sweep.Outcome outcome = sweep.runAll(List.of(new Sweep.Plan(runtime, "platform-threads", "sleep")),
                plan -> Sweep.parameters("sleep"), Double.POSITIVE_INFINITY).getFirst();
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.swept();
    }

    @Test
    void aModelThatHoldsEveryNumberOfTasksIsMeasuredAtEachAndItsGrowthFitted() throws MeasurementException {
        Results.Sweep swept = sweep(runtime(8, 0.001, Integer.MAX_VALUE, ""), 10);
        assertEquals(List.of(10, 100, 1_000, 10_000), swept.points().stream().map(Results.SweepPoint::tasks).toList());
        assertNull(swept.stop());
        Results.Fit memory = swept.fit("pss_kib").orElseThrow();
        assertEquals(8, memory.slope(), 1e-6, "KiB a task: the slope of the tree's growth against tasks");
        assertTrue(memory.slopeLow() <= 8 && memory.slopeHigh() >= 8, memory.toString());
        assertEquals(10_000, swept.waitsOverlapTasks());
    }

    @Test
    void aLimitTheWorkloadNamesEndsTheSweepThereAsAFinding() throws MeasurementException {
        Results.Sweep swept = sweep(runtime(8, 0.001, 1_000,
                "limit: threads: 517 of 1000 tasks started: can't start new thread"), 10);
        assertEquals(List.of(10, 100), swept.points().stream().map(Results.SweepPoint::tasks).toList());
        assertEquals("threads", swept.stop().kind());
        assertEquals(1_000, swept.stop().tasks());
        assertTrue(swept.stop().reason().contains("can't start new thread"), swept.stop().reason());
    }

    @Test
    void aNumberOfTasksPredictedToOutlastTheBudgetIsNotTried() throws MeasurementException {
        FakeRuntime runtime = runtime(8, 3, Integer.MAX_VALUE, "");
        Results.Sweep swept = sweep(runtime, 1.0);
        assertEquals("time budget", swept.stop().kind(), swept.stop().toString());
        assertEquals(1_000, swept.stop().tasks(), "100 tasks took 0.3 s: 1,000 would take about 3 s");
        assertTrue(runtime.jobs.stream().allMatch(j -> j.workers() <= 100), "1,000 was never started");
    }

    @Test
    void anyOtherFailureIsAnError() {
        assertThrows(MeasurementException.class, () -> sweep(runtime(8, 0.001, 100, "wrong checksum"), 10));
    }

    private static List<Integer> tasksOf(Results.Sweep swept) {
        return swept.points().stream().map(Results.SweepPoint::tasks).toList();
    }

    @Test
    void linesSweptTogetherSpendTheBudgetOnTheCheapestPointsFirst() {
        FakeRuntime costly = runtime("costly", 8, 2, Integer.MAX_VALUE, "");
        FakeRuntime cheap = runtime("cheap", 1, 0.0001, Integer.MAX_VALUE, "");
        List<Sweep.Plan> plans = List.of(new Sweep.Plan(costly, "child-processes", "sleep"),
                new Sweep.Plan(cheap, "virtual-threads", "sleep"));
        List<Sweep.Outcome> outcomes = new Sweep(new Measurer(SETTINGS, line -> { }), 10_000, 10, line -> { })
                .runAll(plans, plan -> Sweep.parameters(plan.waitKind()), 1.5);
        Results.Sweep first = outcomes.get(0).swept();
        assertEquals(List.of(10, 100), tasksOf(first), "100 tasks took 0.3 s: 1,000 would take about 2 s");
        assertEquals("time budget", first.stop().kind());
        assertEquals(1_000, first.stop().tasks());
        assertTrue(first.stop().reason().contains("left of the sweep's 2 s"), first.stop().reason());
        assertEquals(List.of(10, 100, 1_000, 10_000), tasksOf(outcomes.get(1).swept()),
                "the cheap line's 10,000 came before the costly line's 1,000, and fitted what was left");
        assertTrue(costly.jobs.stream().allMatch(j -> j.workers() <= 100), "1,000 was never started");
        assertTrue(outcomes.stream().mapToDouble(Sweep.Outcome::seconds).sum() < 1.5);
    }

    @Test
    void eachLineIsHandedOnAfterEveryPointItMeasuresUnfinishedUntilItEnds() {
        List<Results.Sweep> soFar = new java.util.ArrayList<>();
        new Sweep(new Measurer(SETTINGS, line -> { }), 10_000, 10, line -> { }).soFar(soFar::add)
                .runAll(List.of(new Sweep.Plan(runtime(8, 0.001, Integer.MAX_VALUE, ""), "platform-threads",
                        "sleep")), plan -> Sweep.parameters("sleep"), Double.POSITIVE_INFINITY);
        assertEquals(List.of(1, 2, 3, 4), soFar.stream().map(s -> s.points().size()).toList());
        assertEquals("unfinished", soFar.getFirst().stop().kind());
        assertEquals(100, soFar.getFirst().stop().tasks(), "where it was to go on");
        assertNull(soFar.getLast().stop(), "its last point ended it: every number of tasks measured");
    }

    @Test
    void aFailureThatIsNoLimitEndsItsOwnLineOnlyAndKeepsWhatItMeasured() {
        FakeRuntime broken = runtime("broken", 8, 0.001, 100, "checksum 7, expected 100");
        FakeRuntime sound = runtime("sound", 8, 0.001, Integer.MAX_VALUE, "");
        List<Sweep.Outcome> outcomes = new Sweep(new Measurer(SETTINGS, line -> { }), 10_000, 10, line -> { })
                .runAll(List.of(new Sweep.Plan(broken, "platform-threads", "sleep"),
                        new Sweep.Plan(sound, "platform-threads", "sleep")), plan -> Sweep.parameters("sleep"),
                        Double.POSITIVE_INFINITY);
        Sweep.Outcome failed = outcomes.get(0);
        assertTrue(failed.failure().getMessage().contains("checksum 7"), failed.failure().getMessage());
        assertEquals(List.of(10), tasksOf(failed.swept()));
        assertEquals("failed", failed.swept().stop().kind());
        assertEquals(100, failed.swept().stop().tasks());
        assertNull(outcomes.get(1).failure());
        assertEquals(List.of(10, 100, 1_000, 10_000), tasksOf(outcomes.get(1).swept()));
    }

    @Test
    void aBudgetThatIsNoNumberOfSecondsIsOneClearError() {
        assertEquals(Sweep.BUDGET_S, Sweep.budgetFrom(null));
        assertEquals(300, Sweep.budgetFrom(" 300 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.budgetFrom("5m"));
        assertTrue(e.getMessage().contains("-Dsweep.budget") && e.getMessage().contains("5m"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sweep.budgetFrom("-1"));
    }

    @Test
    void aClaimAtASweptNumberOfTasksStartsFromTheSweepsSamples() throws MeasurementException {
        FakeRuntime runtime = runtime(8, 0.001, Integer.MAX_VALUE, "");
        Measurer measurer = new Measurer(SETTINGS, line -> { });
        sweep(new Sweep(measurer, 100, 10, line -> { }), runtime);
        int swept = runtime.jobs.size();
        Series series = Sweep.series(runtime, "platform-threads", 100, Sweep.parameters("sleep"));
        Measurer.Session session = measurer.session(List.of(series), "claim");
        session.warmUp();
        for (int round = 0; round < 3; round++) {
            session.round();
        }
        Measurements m = session.measurements();
        assertEquals(3, m.measured(Series.TARGET).size());
        assertEquals(swept + 2, runtime.jobs.size(), "one round came from the sweep, no warm-up, two measured anew");
    }

    @Test
    void aNumberOfTasksAClaimMeasuredIsTakenFromItsRoundsNotPredictedNorMeasuredAgain() throws MeasurementException {
        FakeRuntime runtime = runtime(8, 3, Integer.MAX_VALUE, "");
        Measurer measurer = new Measurer(SETTINGS, line -> { });
        measurer.shareSamplesOf(Sweep.WORKLOAD);
        Series claimed = Sweep.series(runtime, "platform-threads", 1_000, Sweep.parameters("sleep"));
        Measurer.Session session = measurer.session(List.of(claimed), "claim");
        for (int round = 0; round < 3; round++) {
            session.round();
        }
        int before = runtime.jobs.size();
        Results.Sweep swept = sweep(new Sweep(measurer, 1_000, 1.0, line -> { }), runtime);
        assertEquals(List.of(10, 100, 1_000), swept.points().stream().map(Results.SweepPoint::tasks).toList(),
                "1,000 tasks, predicted at 3 s over the budget of 1 s, came from the claim");
        assertEquals(3, swept.points().getLast().samples().size());
        assertTrue(runtime.jobs.subList(before, runtime.jobs.size()).stream().allMatch(j -> j.workers() < 1_000));
    }

    @Test
    void onlyTheSweepsWorkloadSharesSamplesAClaimOfAnotherMeasuresItsOwnRounds() throws MeasurementException {
        FakeRuntime runtime = new FakeRuntime("fake", job -> new Sample(0.01, 0.01,
                concurrencyclaims.workloads.IntegerHash.units(0, job.size().units(), job.size().iterations()), -1,
                Map.of()));
        Measurer measurer = new Measurer(SETTINGS, line -> { });
        measurer.shareSamplesOf(Sweep.WORKLOAD);
        Series control = new Series(Series.CONTROL, runtime, "integer_hash", "platform-threads", 2,
                new concurrencyclaims.runtime.WorkloadSize(12, 10));
        for (String claim : List.of("first", "second")) {
            Measurer.Session session = measurer.session(List.of(control), claim);
            for (int round = 0; round < 3; round++) {
                session.round();
            }
        }
        assertEquals(6, runtime.jobs.size(), "each claim measured its control's 3 rounds itself");
    }

    @Test
    void aSamplesTimeoutIsTheBudgetLeftOrTwiceItsPredictionWithinBounds() {
        assertEquals(Duration.ofSeconds(20), Sweep.sampleTimeout(1, 19.2), "what is left, in whole seconds");
        assertEquals(Duration.ofSeconds(16), Sweep.sampleTimeout(8, 10), "twice a prediction that fitted");
        assertEquals(Sweep.MIN_SAMPLE_TIMEOUT, Sweep.sampleTimeout(0.1, 0.5));
        assertEquals(Sweep.SAMPLE_TIMEOUT, Sweep.sampleTimeout(1, Double.POSITIVE_INFINITY));
        assertEquals(Sweep.SAMPLE_TIMEOUT, Sweep.sampleTimeout(Double.NaN, 10));
    }

    @Test
    void aPointThatOutrunsItsPredictionIsCutAtTheBudgetLeftAndSaysSo() {
        // Linear up to 100 tasks, then far slower (as 10,000 CPython threads queue for the GIL): the runtime times
        // out where its sample would take longer than the job's timeout, as a runtime does.
        FakeRuntime superlinear = new FakeRuntime("superlinear", job -> tasks(job, 8, 0.001)) {
            @Override
            public Sample run(Job job) throws MeasurementException {
                if (job.workers() >= 1_000) {
                    jobs.add(job);
                    throw new MeasurementException("superlinear timed out after " + job.timeout().toSeconds() + " s");
                }
                return super.run(job);
            }
        };
        List<Sweep.Outcome> outcomes = new Sweep(new Measurer(SETTINGS, line -> { }), 10_000, 10, line -> { })
                .runAll(List.of(new Sweep.Plan(superlinear, "platform-threads", "sleep")), plan -> Sweep.parameters("sleep"),
                        8);
        Results.Sweep swept = outcomes.getFirst().swept();
        assertNull(outcomes.getFirst().failure());
        assertEquals(List.of(10, 100), tasksOf(swept));
        assertEquals("time budget", swept.stop().kind());
        assertEquals(1_000, swept.stop().tasks());
        Job cut = superlinear.jobs.getLast();
        assertEquals(Duration.ofSeconds(8), cut.timeout(), "the 8 s left (rounded up), not " + Sweep.SAMPLE_TIMEOUT);
        assertTrue(swept.stop().reason().contains("the sample's timeout, 8 s, came from the"),
                swept.stop().reason());
    }

    @Test
    void aTimeoutAtALinesFirstNumberIsAHangNotAStopForTime() {
        FakeRuntime hangs = runtime(8, 0.001, 10, "did not finish within 30 s and was killed with 0 descendant"
                + " process(es)");
        MeasurementException e = assertThrows(MeasurementException.class, () -> sweep(hangs, 10));
        assertTrue(e.getMessage().contains("did not finish within 30 s"), e.getMessage());
        assertEquals(Sweep.SAMPLE_TIMEOUT, hangs.jobs.getLast().timeout(), "the whole timeout, none derived");
    }

    @Test
    void aFailureNamesItsStop() {
        assertEquals("file descriptors", Sweep.stopAt(10_000, "x: limit: file descriptors: 9 of 10 tasks started: EMFILE")
                .kind());
        assertEquals("time budget", Sweep.stopAt(10_000, "node · many_waits · event-loop did not finish within 30 s"
                + " and was killed with 0 descendant process(es)").kind(), "a runtime's timeout");
        assertEquals("time budget", Sweep.stopAt(10_000, "Java many_waits · platform-threads: timed out: the tasks'"
                + " waits did not all end within 30 s").kind(), "a workload's own deadline, as the workloads word it");
        assertNull(Sweep.stopAt(10_000, "checksum 3, expected 4"));
    }
}
