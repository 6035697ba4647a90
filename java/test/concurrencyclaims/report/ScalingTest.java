package concurrencyclaims.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs a speed-up is taken against, and which series are not about CPU work at all. */
class ScalingTest {
    @TempDir
    Path dir;

    private static String series(String role, String model, int workers, long iterations, double... walls) {
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < walls.length; i++) {
            samples.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, """
                    {"round": %d, "warmup": false, "wall_s": %s, "cpu_s": %s, "checksum": 1, "peak_rss_kib": 1,
                     "foreign_cpu_s": 0, "details": {}}""", i, walls[i], walls[i]));
        }
        return String.format(Locale.ROOT, """
                {"role": "%s", "runtime": "cpython-3.13.5t", "model": "%s", "workers": %d, "workload": "integer_hash",
                 "units": 12, "iterations": %d, "samples": [%s]}""", role, model, workers, iterations, samples);
    }

    private static String verdict(String id, String model, String metric, String... series) {
        return String.format(Locale.ROOT, """
                {"claim": {"id": "%s", "quote": "q", "source": {"document": "d"}, "workload": "integer_hash",
                 "runtime": "cpython", "models": ["%s"], "workers": 2, "assertion": {"kind": "k"}},
                 "runtime": "cpython-3.13.5t", "language": "python", "model": "%s", "outcome": "CONFIRMED",
                 "reason": "r", "numbers": {"%s": {"median": 1.9, "ci_low": 1.8, "ci_high": 2.0, "unit": "×"}},
                 "key_number": "%s", "decision": {"statistic": "%s", "bound": 1.5, "side": "above", "interval": [1.8, 2.0],
                 "level": 0.97, "rounds": 3, "stopped": "decided"},
                 "seconds": 1, "warnings": [], "series": [%s]}""", id, model, model, metric, metric, metric,
                String.join(",", series));
    }

    /** A results.json of one run holding {@code verdicts}, in the temporary folder. */
    private Path resultsFile(String... verdicts) throws java.io.IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, """
                {"schema": "concurrency-claims/results/1",
                 "run": {"id": "r", "started": "2026-12-01T00:00:00Z", "finished": "2026-12-01T00:01:00Z", "mode": "full",
                         "seconds": 60},
                 "environment": {"cpu_model": "c", "cores_online": 2, "cores_available": 2, "memory_mib": 1, "os": "o",
                                 "jdk": "j", "runtimes": []},
                 "verdicts": [%s]}""".formatted(String.join(", ", verdicts)));
        return file;
    }

    @Test
    void aModelIsMeasuredAgainstItsOwnOneWorkerRunAndStartUpCostsAreLeftOut() throws Exception {
        String parallel = verdict("free-threaded-parallel", "threading", "work_parallelism",
                series("baseline", "threading", 1, 1000, 0.40, 0.40, 0.40),
                series("target", "threading", 2, 1000, 0.20, 0.20, 0.20));
        // A start-up cost on the same workload: no iterations, a baseline of one thread; not a point of any curve.
        String startUp = verdict("start-cost", "multiprocessing-spawn", "cost_ratio",
                series("baseline", "threading", 1, 0, 0.001, 0.001, 0.001),
                series("target", "multiprocessing-spawn", 1, 0, 0.3, 0.3, 0.3));
        Results results = ResultsReader.read(resultsFile(parallel, startUp));
        List<Scaling.Curve> curves = Scaling.curves(results, "integer_hash");
        assertEquals(1, curves.size(), curves.toString());
        Scaling.Curve curve = curves.getFirst();
        assertEquals("threading", curve.model());
        assertEquals(1, curve.points().size(), curve.toString());
        assertEquals(2, curve.points().getFirst().workers());
        assertEquals(2.0, curve.points().getFirst().speedup(), 1e-9);
        // The headline has the claim about parallelism, not the start-up cost measured on the same workload.
        String model = ReportBuilder.build(List.of(results)).toString();
        assertTrue(model.contains("threading ×2"), model);
        assertTrue(!model.contains("multiprocessing-spawn ×"), model);
    }

    @Test
    void aSpeedupComparesRunsOfOneSize() throws Exception {
        // Two claims size the workload differently (0.2 s and 2 s sequential): each run at 2 workers against the
        // sequential run of its own size, never the other's.
        String small = verdict("small", "processes", "speedup",
                series("baseline", "sequential", 1, 1000, 0.2, 0.2, 0.2),
                series("target", "threading", 2, 1000, 0.21, 0.21, 0.21));
        String large = verdict("large", "processes", "speedup",
                series("baseline", "sequential", 1, 10000, 2.0, 2.0, 2.0),
                series("target", "processes", 2, 10000, 1.0, 1.0, 1.0));
        List<Scaling.Curve> curves = Scaling.curves(ResultsReader.read(resultsFile(small, large)), "integer_hash");
        assertEquals(2, curves.size(), curves.toString());
        for (Scaling.Curve curve : curves) {
            double expected = curve.model().equals("threading") ? 0.2 / 0.21 : 2.0;
            assertEquals(expected, curve.points().getFirst().speedup(), 1e-9, curve.toString());
        }
    }
}
