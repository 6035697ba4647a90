package concurrencyclaims.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.measure.Stats;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.NodeRuntime;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import concurrencyclaims.runtime.js.JsProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark, prints figures and asserts nothing: the speed-up of 2 worker_threads over 1 on integer_hash as the suite
 * measures it (standalone node through js/driver.js, by the span of the workers' work) and as a plain script of the
 * same work measures it (java/test-resources/bench/bare_workers.js, timed from all workers up to the last result),
 * in interleaved rounds. The two should agree within 10 % on an idle machine. Run:
 * <pre>mvn -q test-compile exec:exec@workers-vs-bare -Dworkers.bench.args="20000000 7"</pre>
 */
public final class WorkersAgainstBareScript {
    private WorkersAgainstBareScript() {
    }

    public static void main(String[] args) throws Exception {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        NodeRuntime node = (NodeRuntime) NodeRuntime.discover(root).getFirst();
        if (node.unavailableReason().isPresent()) {
            System.err.println("workers-vs-bare: " + node.unavailableReason().get());
            System.exit(2);
        }
        Path script = root.resolve("java/test-resources/bench/bare_workers.js");
        WorkloadSize size = new WorkloadSize(12, iterations);
        List<Double> suite = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Sample one = node.run(new Job("integer_hash", "worker-threads", 1, size, Duration.ofMinutes(5)));
            Sample two = node.run(new Job("integer_hash", "worker-threads", 2, size, Duration.ofMinutes(5)));
            suite.add(one.workSeconds() / two.workSeconds());
            ChildProcess.Result r = ChildProcess.of("bare worker_threads script", List.of(node.executable().toString(),
                    JsProject.V8_FLAGS, script.toString(), Long.toString(iterations), "1",
                    root.resolve("js/workloads/integer_hash.js").toString())).timeout(Duration.ofMinutes(5)).run();
            JsonNode times = new ObjectMapper().readTree(r.stdout().strip());
            bare.add(times.path("one").get(0).asDouble() / times.path("two").get(0).asDouble());
        }
        double s = Stats.median(suite.stream().mapToDouble(Double::doubleValue).toArray());
        double b = Stats.median(bare.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(Locale.ROOT, "2 workers over 1, integer_hash 12 units × %d iterations, %d interleaved rounds,"
                + " node %s%n", iterations, rounds, node.describe().get("version"));
        System.out.printf(Locale.ROOT, "  suite (driver.js, span of the work): median %s, rounds %s%n", Stats.format(s),
                format(suite));
        System.out.printf(Locale.ROOT, "  bare script (all up to last result): median %s, rounds %s%n", Stats.format(b),
                format(bare));
        System.out.printf(Locale.ROOT, "  suite / bare: %.3f (%+.1f %%)%n", s / b, 100 * (s / b - 1));
    }

    private static String format(List<Double> values) {
        return values.stream().map(Stats::format).toList().toString();
    }
}
