package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work's parallelism statistic (Sample.workDetails) on intervals whose answer is known, and its driver path. */
class SampleTest {
    private static final long S = 1_000_000_000L;

    /** Workers' {start, end, cpu} in seconds from some moment on the monotonic clock. */
    private static double parallelism(double[]... workers) {
        return (double) details(workers).get(Sample.WORK_PARALLELISM);
    }

    private static Map<String, Object> details(double[]... workers) {
        long origin = 123_456_789_000L;  // like a real clock: far from zero
        long[] start = new long[workers.length];
        long[] end = new long[workers.length];
        long[] cpu = new long[workers.length];
        for (int i = 0; i < workers.length; i++) {
            start[i] = origin + Math.round(workers[i][0] * S);
            end[i] = origin + Math.round(workers[i][1] * S);
            cpu[i] = Math.round(workers[i][2] * S);
        }
        return Sample.workDetails(start, end, cpu);
    }

    @Test
    void workersThatTakeTurnsCountAsOneWhateverTheirNumber() {
        assertEquals(1.0, parallelism(new double[] {0, 1, 1}, new double[] {1, 2, 1}), 1e-9);
        assertEquals(1.0, parallelism(new double[] {0, 1, 1}, new double[] {1.5, 2.5, 1}, new double[] {3, 3.4, 0.4},
                new double[] {4, 6, 2}), 1e-9);
    }

    @Test
    void workersEachOnACoreThroughoutCountAsTheirNumber() {
        for (int n = 1; n <= 12; n++) {
            double[][] workers = new double[n][];
            for (int i = 0; i < n; i++) {
                workers[i] = new double[] {0, 2, 2};
            }
            assertEquals(n, parallelism(workers), 1e-9, n + " workers");
        }
    }

    @Test
    void workersTimeSlicedOnOneCoreCountAsOne() {
        for (int n = 2; n <= 6; n++) {
            double[][] workers = new double[n][];
            for (int i = 0; i < n; i++) {
                workers[i] = new double[] {0, 3, 3.0 / n};
            }
            assertEquals(1.0, parallelism(workers), 1e-9, n + " workers on one core");
        }
    }

    @Test
    void aStragglerCostsLessThanItCostsTheCpuOverTheSpan() {
        Map<String, Object> d = details(new double[] {0, 5.4, 5.4}, new double[] {0, 6.8, 6.8});
        double p = (double) d.get(Sample.WORK_PARALLELISM);
        assertEquals((4 * 5.4 + 1.4) / (2 * 5.4 + 1.4), p, 1e-9);  // 1.89
        double cpuOverSpan = (double) d.get(Sample.WORK_CPU) / (double) d.get(Sample.WORK_SPAN);
        assertEquals(12.2 / 6.8, cpuOverSpan, 1e-9);  // 1.79
        assertTrue(p > cpuOverSpan && p < 2, p + " against " + cpuOverSpan);
    }

    @Test
    void partlyOverlappedOrPartlyBusyWorkersFallBetween() {
        assertEquals(1.5, parallelism(new double[] {0, 1, 0.75}, new double[] {0, 1, 0.75}), 1e-9);
        // Half overlapped: 2 cores for 1 s out of 3 s of CPU.
        assertEquals((1 + 4 + 1) / 4.0, parallelism(new double[] {0, 2, 2}, new double[] {1, 3, 2}), 1e-9);
    }

    @Test
    void aWorkerCountsAsOneThreadEvenWhenItsRuntimeReportsMoreCpu() {
        assertEquals(2.0, parallelism(new double[] {0, 1, 1.6}, new double[] {0, 1, 1.0}), 1e-9);
    }

    @Test
    void spanCpuAndIntervalsAreReportedBeside() {
        Map<String, Object> d = details(new double[] {0, 1, 0.5}, new double[] {0.5, 2, 1.5});
        assertEquals(2.0, (double) d.get(Sample.WORK_SPAN), 1e-9);
        assertEquals(2.0, (double) d.get(Sample.WORK_CPU), 1e-9);
        assertEquals(2, ((List<?>) d.get(Sample.WORK_INTERVALS)).size());
    }

    @Test
    void noCpuAtAllLeavesTheStatisticToTheUtilisation() {
        Map<String, Object> d = details(new double[] {0, 1, 0}, new double[] {0, 1, 0});
        assertFalse(d.containsKey(Sample.WORK_PARALLELISM), d.toString());
        Sample s = new Sample(2, 1, 0, -1, d);
        assertEquals(0.0, s.workParallelism(), 1e-9);  // work CPU 0 over its span
    }

    @Test
    void driverReportedIntervalsGiveTheSameFigures() throws Exception {
        Map<String, Object> fromArrays = details(new double[] {0, 5.4, 5.4}, new double[] {0, 6.8, 6.8});
        String intervals = new ObjectMapper().writeValueAsString(fromArrays.get(Sample.WORK_INTERVALS));
        ObjectMapper json = new ObjectMapper();
        // Python reports them beside the run's facts, JS among the details; either way Java computes the figures.
        for (String report : List.of(
                "{\"checksum\": 7, \"wall_s\": 7.0, \"cpu_s\": 12.2, \"work_intervals\": " + intervals + "}",
                "{\"checksum\": 7, \"wall_s\": 7.0, \"cpu_s\": 12.2, \"details\": {\"work_intervals\": " + intervals
                        + "}}")) {
            Sample s = DriverReport.toSample(json.readTree(report), Map.of(), "test driver");
            assertEquals((double) fromArrays.get(Sample.WORK_PARALLELISM), s.workParallelism(), 1e-12, report);
            assertEquals((double) fromArrays.get(Sample.WORK_SPAN), s.workSeconds(), 1e-12, report);
            assertEquals(fromArrays.get(Sample.WORK_CPU), s.details().get(Sample.WORK_CPU), report);
        }
        Sample none = DriverReport.toSample(json.readTree("{\"checksum\": 7, \"wall_s\": 2.0, \"cpu_s\": 3.0}"),
                Map.of(), "test driver");
        assertEquals(1.5, none.workParallelism(), 1e-12, "no intervals: the utilisation");
        MeasurementException bad = assertThrows(MeasurementException.class, () -> DriverReport.toSample(json.readTree(
                "{\"checksum\": 7, \"wall_s\": 2.0, \"work_intervals\": [[1, 2]]}"), Map.of(), "test driver"));
        assertTrue(bad.getMessage().startsWith("test driver: work_intervals: worker 0 reported [1, 2]"),
                bad.getMessage());
    }
}
