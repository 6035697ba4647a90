package concurrencyclaims.bench;

import concurrencyclaims.measure.Measurer;
import concurrencyclaims.measure.Settings;
import concurrencyclaims.measure.Stats;
import concurrencyclaims.results.BenchmarkResults;
import concurrencyclaims.runtime.CPythonRuntime;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Benchmark, not a test: what the harness adds to a Python measurement. Interleaves, round by round, the sequential
 * integer_hash run through the harness (CPythonRuntime → driver.py → JSON) with the same work in a bare
 * {@code python -c} that times itself, and prints the medians and their differences.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec@harness-overhead} (see README), or with -Dpython=/path/to/python3.
 */
public final class HarnessOverhead {
    private static final int ROUNDS = 7;

    private HarnessOverhead() {
    }

    public static void main(String[] args) throws MeasurementException {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        String python = System.getProperty("python", "");
        CPythonRuntime runtime = CPythonRuntime.probe(python.isBlank() ? "python3" : python, root);
        if (runtime.unavailableReason().isPresent()) {
            System.err.println("harness overhead: " + runtime.unavailableReason().get());
            System.exit(2);
        }
        Properties target = new Properties();
        target.setProperty("target.seconds", "0.5");
        Settings settings = Settings.from(target);
        WorkloadSize size = new Measurer(settings, line -> { }).calibrate(runtime, "integer_hash");
        String bare = "import sys, time; sys.path.insert(0, sys.argv[1]); from workloads.integer_hash import units;"
                + " t = time.perf_counter(); units(0, " + size.units() + ", " + size.iterations() + ");"
                + " print(time.perf_counter() - t)";
        List<Double> bareWork = new ArrayList<>();
        List<Double> bareProcess = new ArrayList<>();
        List<Double> harnessWork = new ArrayList<>();
        List<Double> harnessProcess = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            ChildProcess.Result r = ChildProcess.of("bare python", List.of(runtime.executable(), "-E", "-s", "-c", bare,
                    root.resolve("python").toString())).withEnvironment(runtime.environment())
                    .timeout(Duration.ofMinutes(2)).run();
            long start = System.nanoTime();
            Sample s = runtime.run(new Job("integer_hash", "sequential", 1, size, Duration.ofMinutes(2)));
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (round == 0) {
                continue;  // warm-up: page cache, CPU frequency
            }
            bareWork.add(Double.parseDouble(r.stdout().strip()));
            bareProcess.add(r.elapsed().toNanos() / 1e9);
            harnessWork.add(s.wallSeconds());
            harnessProcess.add(elapsed);
        }
        System.out.printf(Locale.ROOT, "Harness overhead for %s, integer_hash %d units × %d iterations, %d rounds%n",
                runtime.id(), size.units(), size.iterations(), ROUNDS);
        row("work timed inside a bare python -c", bareWork);
        row("work as the harness reports it (wall_s)", harnessWork);
        row("bare python process, start to exit", bareProcess);
        row("harness sample, run() call to result", harnessProcess);
        System.out.printf(Locale.ROOT, "%-44s %+8.1f ms%n", "reported work − bare work",
                1000 * (median(harnessWork) - median(bareWork)));
        System.out.printf(Locale.ROOT, "%-44s %+8.1f ms%n", "harness sample − bare process",
                1000 * (median(harnessProcess) - median(bareProcess)));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("bare work ms", 1000 * median(bareWork));
        figures.put("harness-reported work ms", 1000 * median(harnessWork));
        figures.put("bare process ms", 1000 * median(bareProcess));
        figures.put("harness sample ms", 1000 * median(harnessProcess));
        try {
            System.out.println("figures attached to " + BenchmarkResults.attach(root, "harness-overhead",
                    runtime.id() + ", integer_hash sequential, " + size.units() + " units × " + size.iterations()
                            + " iterations, " + ROUNDS + " interleaved rounds, medians", figures));
        } catch (java.io.IOException e) {
            System.out.println("figures not attached to a run: " + e.getMessage());
        }
    }

    private static void row(String label, List<Double> seconds) {
        var e = Stats.estimate(seconds.stream().mapToDouble(d -> d * 1000).toArray(), " ms");
        System.out.printf(Locale.ROOT, "%-44s %8.1f ms  (95%% CI %s–%s)%n", label, e.median(), Stats.format(e.ciLow()),
                Stats.format(e.ciHigh()));
    }

    private static double median(List<Double> values) {
        return Stats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
