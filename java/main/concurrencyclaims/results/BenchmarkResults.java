package concurrencyclaims.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concurrencyclaims.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

/**
 * Attaches a benchmark's figures to the newest run ({@code reports/latest/results.json}, under {@code benchmarks}) and
 * renders that run's reports again, so the page shows them beside the claims. A benchmark run again replaces its
 * earlier figures.
 */
public final class BenchmarkResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchmarkResults() {
    }

    /** Returns the results file written, or explains in one line why there was none to write to. */
    public static Path attach(Path projectRoot, String name, String about, Map<String, Double> figures) throws IOException {
        Path latest = projectRoot.resolve("reports").resolve("latest");
        Path file = latest.resolve("results.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist: run mvn verify first, then the benchmark, to see its figures"
                    + " in the report");
        }
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ArrayNode benchmarks = root.withArray("benchmarks");
        for (int i = benchmarks.size() - 1; i >= 0; i--) {
            if (name.equals(benchmarks.get(i).path("name").asText())) {
                benchmarks.remove(i);
            }
        }
        ObjectNode entry = benchmarks.addObject();
        entry.put("name", name);
        entry.put("about", about);
        entry.put("when", Instant.now().toString());
        ObjectNode values = entry.putObject("figures");
        figures.forEach(values::put);
        Path temporary = file.resolveSibling("results.json.tmp");
        JSON.writeValue(temporary.toFile(), root);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Reports.writeAll(file.getParent().toRealPath());
        return file.toRealPath();
    }
}
