package concurrencyclaims.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.measure.Stats;
import concurrencyclaims.runtime.CPythonRuntime;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.JavaRuntime;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.NodeRuntime;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import concurrencyclaims.sweep.Sweep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark, prints figures and asserts nothing: the sweep's figures at N tasks (start-up, waits, PSS per task) as the
 * suite measures them (many_waits through each language's runtime adapter) against a bare program of the same work
 * (java/test-resources/bench/bare_many_waits.py, bare_many_waits.js, BareManyWaits.java, each timing and reading its
 * own /proc/self/smaps_rollup), in interleaved rounds, medians. They should agree within 10 % on an idle machine. Run:
 * <pre>mvn -q test-compile exec:exec@many-waits-vs-bare [-Dmany.waits.bench.args="10000 5 [python,node,java]"]</pre>
 */
public final class ManyWaitsAgainstBarePrograms {
    private static final List<String> FIGURES = List.of("startup_s", "waits_s", "pss_kib_per_task");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ManyWaitsAgainstBarePrograms() {
    }

    /** One comparison: a runtime's model through the suite, and the command of the bare program. */
    private record Pair(String name, Runtime runtime, String model, List<String> bare) {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path bench = root.resolve("java/test-resources/bench");
        String n = Integer.toString(tasks);
        List<Pair> pairs = new ArrayList<>();
        CPythonRuntime python = CPythonRuntime.probe("python3", root);
        if (python.unavailableReason().isEmpty()) {
            pairs.add(new Pair("python threading", python, "threading",
                    List.of(python.executable(), bench.resolve("bare_many_waits.py").toString(), n)));
        }
        NodeRuntime node = (NodeRuntime) NodeRuntime.discover(root).getFirst();
        if (node.unavailableReason().isEmpty()) {
            pairs.add(new Pair("node event-loop", node, "event-loop",
                    List.of(node.executable().toString(), concurrencyclaims.runtime.js.JsProject.V8_FLAGS,
                            bench.resolve("bare_many_waits.js").toString(), n)));
        }
        JavaRuntime java = new JavaRuntime();
        Path jdk = Path.of(System.getProperty("java.home"), "bin");
        // Compiled first: the source launcher would run javac in the program's own heap, and the threads' stacks
        // would land on pages it had touched, which a program of its own has not.
        Path classes = root.resolve("target/bench-classes");
        ChildProcess.of("javac BareManyWaits.java", List.of(jdk.resolve("javac").toString(), "-d", classes.toString(),
                bench.resolve("BareManyWaits.java").toString())).timeout(TIMEOUT).run();
        for (String kind : List.of("virtual", "platform")) {
            pairs.add(new Pair("java " + kind + "-threads", java, kind + "-threads",
                    List.of(jdk.resolve("java").toString(), "-cp", classes.toString(), "BareManyWaits", n, kind)));
        }
        if (args.length > 2) {
            List<String> only = List.of(args[2].split(","));
            pairs.removeIf(p -> only.stream().noneMatch(p.name()::startsWith));
        }
        Map<String, Double> attached = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "many_waits, %,d tasks of one 100 ms sleep, %d interleaved rounds, medians%n",
                tasks, rounds);
        for (Pair pair : pairs) {
            Map<String, List<Double>> suite = new LinkedHashMap<>();
            Map<String, List<Double>> bare = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                Sample s;
                JsonNode b;
                try {
                    s = pair.runtime().run(new Job(Sweep.WORKLOAD, pair.model(), tasks,
                            new WorkloadSize(tasks, Sweep.WAIT_MS), TIMEOUT, Sweep.parameters("sleep")));
                    ChildProcess.Result r = ChildProcess.of("bare program " + pair.name(), pair.bare())
                            .timeout(TIMEOUT).run();
                    b = new ObjectMapper().readTree(r.stdout().strip());
                } catch (MeasurementException e) {
                    // A round past the timeout (10,000 CPython threads queueing for the GIL can take minutes) is
                    // left out of both sides, and said.
                    System.out.println("  " + pair.name() + ": round " + (round + 1) + " left out: " + e.getMessage());
                    continue;
                }
                for (String figure : FIGURES) {
                    suite.computeIfAbsent(figure, k -> new ArrayList<>()).add(s.figure(figure));
                    bare.computeIfAbsent(figure, k -> new ArrayList<>()).add(b.path(figure).asDouble());
                }
            }
            if (suite.isEmpty()) {
                System.out.println("  " + pair.name() + ": no round finished");
                continue;
            }
            System.out.println("  " + pair.name() + ":");
            for (String figure : FIGURES) {
                double sm = Stats.median(suite.get(figure).stream().mapToDouble(Double::doubleValue).toArray());
                double bm = Stats.median(bare.get(figure).stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf(Locale.ROOT, "    %-17s suite %10s  bare %10s  suite/bare %.3f (%+.1f %%)  rounds suite %s"
                        + " bare %s%n", figure, Stats.format(sm), Stats.format(bm), sm / bm, 100 * (sm / bm - 1),
                        format(suite.get(figure)), format(bare.get(figure)));
                attached.put(pair.name() + " " + figure + " suite", sm);
                attached.put(pair.name() + " " + figure + " bare", bm);
            }
        }
        try {
            System.out.println("figures attached to " + concurrencyclaims.results.BenchmarkResults.attach(root,
                    "many-waits-vs-bare", "many_waits at " + tasks + " tasks through the suite and as a bare program, "
                    + rounds + " interleaved rounds, medians", attached));
        } catch (java.io.IOException e) {
            System.out.println("figures not attached to a run: " + e.getMessage());
        }
        python.close();
        node.close();
    }

    private static String format(List<Double> values) {
        return values.stream().map(Stats::format).toList().toString();
    }
}
