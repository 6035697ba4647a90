package concurrencyclaims.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.FakeRuntime;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.JavaRuntime;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

class MeasurerTest {
    private static final Settings SETTINGS = new Settings(true, 1, 6, 10, 0.2, Duration.ofSeconds(10));

    private static Sample correct(Job job, double wall) {
        return new Sample(wall, wall, IntegerHash.units(0, job.size().units(), job.size().iterations()), -1, Map.of());
    }

    @Test
    void seriesAreInterleavedAndRotatedWithWarmupsFirst() throws MeasurementException {
        FakeRuntime runtime = new FakeRuntime("fake", job -> correct(job, 0.01));
        WorkloadSize size = new WorkloadSize(12, 10);
        List<Series> series = List.of(new Series("a", runtime, "integer_hash", "sequential", 1, size),
                new Series("b", runtime, "integer_hash", "platform-threads", 2, size));
        Measurer.Session session = new Measurer(SETTINGS, line -> { }).session(series, "test");
        session.warmUp();
        for (int round = 0; round < 3; round++) {
            session.round();
        }
        Measurements m = session.measurements();
        assertEquals(3, m.rounds());
        List<String> order = runtime.jobs.stream().map(j -> j.model()).toList();
        assertEquals(List.of("sequential", "platform-threads", "platform-threads", "sequential",
                "sequential", "platform-threads", "platform-threads", "sequential"), order);
        assertEquals(3, m.measured("a").size());
        assertTrue(m.all().get(series.getFirst()).getFirst().warmup());
    }

    @Test
    void aCodePathIsWarmedUpOnceAndARuntimeThatStartsAfreshNever() throws MeasurementException {
        FakeRuntime runtime = new FakeRuntime("fake", job -> correct(job, 0.01));
        Series series = new Series("a", runtime, "integer_hash", "sequential", 1, new WorkloadSize(12, 10));
        Measurer measurer = new Measurer(SETTINGS, line -> { });
        measurer.session(List.of(series), "first").warmUp();
        assertEquals(1, runtime.jobs.size(), "the first claim on a code path warms it up");
        measurer.session(List.of(series), "second").warmUp();
        assertEquals(1, runtime.jobs.size(), "a later claim on the same code path finds it warm");
        FakeRuntime fresh = new FakeRuntime("fresh", job -> correct(job, 0.01)) {
            @Override
            public boolean warmsUpAcrossSamples() {
                return false;
            }
        };
        measurer.session(List.of(new Series("b", fresh, "integer_hash", "sequential", 1, new WorkloadSize(12, 10))),
                "fresh").warmUp();
        assertEquals(0, fresh.jobs.size(), "a process per sample has nothing to warm");
        FakeRuntime freshForOneModel = new FakeRuntime("fresh for one model", job -> correct(job, 0.01)) {
            @Override
            public boolean warmsUpAcrossSamples(Job job) {
                return !job.model().equals("virtual-threads");
            }
        };
        measurer.session(List.of(new Series("c", freshForOneModel, "integer_hash", "virtual-threads", 2,
                new WorkloadSize(12, 10))), "a job in a fresh process").warmUp();
        assertEquals(0, freshForOneModel.jobs.size(), "a job that runs in a process of its own is not warmed up");
        measurer.session(List.of(new Series("d", freshForOneModel, "integer_hash", "platform-threads", 2,
                new WorkloadSize(12, 10))), "a job in this process").warmUp();
        assertEquals(1, freshForOneModel.jobs.size(), "the same runtime's other jobs still are");
    }

    @Test
    void javaManyWaitsOnThreadsRunsInAFreshJvmAndIsNotWarmedUp() {
        JavaRuntime runtime = new JavaRuntime();
        Function<Map<String, String>, Job> manyWaits = parameters -> new Job("many_waits", "platform-threads", 10,
                new WorkloadSize(10, 100), Duration.ofSeconds(10), parameters);
        assertFalse(runtime.warmsUpAcrossSamples(manyWaits.apply(Map.of("wait", "sleep"))));
        assertTrue(runtime.warmsUpAcrossSamples(manyWaits.apply(Map.of("wait", "sleep", "jvm", "this"))));
        assertTrue(runtime.warmsUpAcrossSamples(new Job("integer_hash", "platform-threads", 2,
                new WorkloadSize(12, 10), Duration.ofSeconds(10), Map.of())));
    }

    @Test
    void aSampleWaitsUntilEveryOtherRuntimeOfTheRunIsQuietButNotForItsOwnRuntime() throws MeasurementException {
        List<String> events = new java.util.ArrayList<>();
        FakeRuntime measured = new FakeRuntime("measured", job -> {
            events.add("sample");
            return correct(job, 0.01);
        });
        int[] busyLooks = {2};
        FakeRuntime compiling = new FakeRuntime("compiling", job -> correct(job, 0.01)) {
            @Override
            public boolean busyInBackground() {
                events.add("busy?");
                return busyLooks[0]-- > 0;
            }
        };
        FakeRuntime unaware = new FakeRuntime("unaware", job -> correct(job, 0.01));
        List<String> progress = new java.util.ArrayList<>();
        Measurer measurer = new Measurer(SETTINGS, progress::add);
        measurer.neighbours(List.of(measured, compiling, unaware));
        Series series = new Series("a", measured, "integer_hash", "sequential", 1, new WorkloadSize(12, 10));
        measurer.session(List.of(series), "claim").round();
        assertEquals(List.of("busy?", "busy?", "busy?", "sample"), events, "asked until quiet, then sampled");
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("waiting for compiling to go quiet")), progress.toString());
        events.clear();
        measurer.session(List.of(new Series("b", compiling, "integer_hash", "sequential", 1,
                new WorkloadSize(12, 10))), "its own").round();
        assertTrue(events.isEmpty(), "a runtime's own sample does not wait for itself: " + events);
    }

    @Test
    void aRuntimeThatNeverGoesQuietIsWaitedForOnceOnly() throws MeasurementException {
        int[] looks = {0};
        FakeRuntime spinning = new FakeRuntime("spinning", job -> correct(job, 0.01)) {
            @Override
            public boolean busyInBackground() {
                looks[0]++;
                try {
                    Thread.sleep(Duration.ofMillis(100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        };
        FakeRuntime measured = new FakeRuntime("measured", job -> correct(job, 0.01));
        List<String> progress = new java.util.ArrayList<>();
        Measurer measurer = new Measurer(SETTINGS, progress::add);
        measurer.quietLimit(0.3);
        measurer.neighbours(List.of(measured, spinning));
        Series series = new Series("a", measured, "integer_hash", "sequential", 1, new WorkloadSize(12, 10));
        long started = System.nanoTime();
        Measurer.Session session = measurer.session(List.of(series), "claim");
        session.round();
        int looksInTheFirstWait = looks[0];
        session.round();
        assertEquals(looksInTheFirstWait, looks[0], "not asked again after the first wait ran out");
        assertTrue((System.nanoTime() - started) / 1e9 >= 0.3, "waited the limit once");
        assertTrue(progress.stream().anyMatch(l -> l.contains("still busy")), progress.toString());
    }

    /** Reads this JVM's CPU time: no other test class may run beside it. */
    @ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
    @Test
    void aSampleThisJvmDisturbedIsTakenAgainAndKeptOutOfTheStatistics() throws MeasurementException {
        int[] calls = {0};
        // A runtime outside this JVM whose first sample coincides with this JVM burning a core (as a JIT would).
        FakeRuntime outside = new FakeRuntime("outside", job -> {
            if (calls[0]++ == 0) {
                long until = System.nanoTime() + 150_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } else {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return correct(job, 0.15);
        }) {
            @Override
            public boolean runsInThisJvm(String model) {
                return false;
            }
        };
        Series series = new Series("a", outside, "integer_hash", "sequential", 1, new WorkloadSize(12, 10));
        Measurer.Session session = new Measurer(SETTINGS, line -> { }).session(List.of(series), "disturbed");
        session.round();
        List<MeasuredSample> all = session.measurements().all().get(series);
        // The samples taken again may be disturbed too (another test's leftover threads, a GC): only the count is open.
        assertTrue(all.size() >= 2 && all.size() <= 1 + Measurer.MAX_RETAKES, "the disturbed sample and the ones taken"
                + " again: " + all.size());
        assertTrue(all.getFirst().retaken() && !all.getFirst().counts(), "the disturbed sample stays, marked");
        assertTrue(all.subList(0, all.size() - 1).stream().allMatch(m -> m.retaken() && !m.counts())
                && all.getLast().counts(), "only the last sample counts");
        assertEquals(1, session.measurements().rounds());
        assertEquals(1, session.measurements().measured("a").size());
    }

    @Test
    void aWrongChecksumFailsLoudlyNamingTheRuntime() {
        FakeRuntime runtime = new FakeRuntime("liar", job -> new Sample(0.01, 0.01, 42, -1, Map.of()));
        Series s = new Series("a", runtime, "integer_hash", "sequential", 1, new WorkloadSize(12, 10));
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> new Measurer(SETTINGS, line -> { }).session(List.of(s), "test").round());
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains("liar"), e.getMessage());
    }

    @Test
    void calibrationScalesTheSizeToTheTargetTime() throws MeasurementException {
        // 1 µs per iteration and unit: 12 units × N iterations take 12 N µs.
        FakeRuntime runtime = new FakeRuntime("linear", job -> correct(job, 12e-6 * job.size().iterations()));
        WorkloadSize size = new Measurer(SETTINGS, line -> { }).calibrate(runtime, "integer_hash");
        double predicted = 12e-6 * size.iterations();
        assertEquals(0.2, predicted, 0.01, "calibrated to " + size);
    }

    @Test
    void calibrationSeesThroughASlowColdStart() throws MeasurementException {
        // Like a JIT runtime: the first call is 10,000 times slower per iteration than the ones after it.
        int[] calls = {0};
        FakeRuntime runtime = new FakeRuntime("jit", job -> correct(job,
                (calls[0]++ == 0 ? 1e-2 : 1e-6) * job.size().iterations() * job.size().units() / 12.0));
        WorkloadSize size = new Measurer(SETTINGS, line -> { }).calibrate(runtime, "integer_hash");
        double warm = 1e-6 * size.iterations();
        assertTrue(warm > 0.2 / 1.3 && warm < 0.2 * 1.3, "calibrated to " + size + ", a warm run takes " + warm + " s");
    }
}
