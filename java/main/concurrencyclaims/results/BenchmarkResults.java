package concurrencyclaims.results;

import concurrencyclaims.report.Reports;
import concurrencyclaims.report.Results;
import concurrencyclaims.report.ResultsJson;
import concurrencyclaims.report.ResultsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attaches a benchmark's figures to the newest run ({@code reports/latest/results.json}, under {@code benchmarks}) and
 * renders that run's reports again, so the page shows them beside the claims. A benchmark run again replaces its
 * earlier figures.
 */
public final class BenchmarkResults {
    private BenchmarkResults() {
    }

    /** Returns the results file written, or explains in one line why there was none to write to. */
    public static Path attach(Path projectRoot, String name, String about, Map<String, Double> figures) throws IOException {
        Path latest = projectRoot.resolve("reports").resolve("latest");
        Path file = latest.resolve(Reports.RESULTS);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist: run mvn verify first, then the benchmark, to see its figures"
                    + " in the report");
        }
        // A file of an older schema is written back in the current one.
        Results results = ResultsReader.read(file);
        List<Results.Benchmark> benchmarks = new ArrayList<>(results.benchmarks());
        benchmarks.removeIf(b -> b.name().equals(name));
        benchmarks.add(new Results.Benchmark(name, about, Instant.now().toString(), figures));
        ResultsJson.write(file, results.withBenchmarks(benchmarks));
        Reports.writeAll(file.getParent().toRealPath());
        return file.toRealPath();
    }
}
