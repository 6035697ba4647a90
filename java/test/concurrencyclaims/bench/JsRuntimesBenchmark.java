package concurrencyclaims.bench;

import concurrencyclaims.runtime.GraalJsRuntime;
import concurrencyclaims.runtime.JavetRuntime;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.NodeRuntime;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints (asserts nothing): integer_hash per-iteration times in embedded Node (Javet) vs standalone node of the same
 * version, GraalJS (mode printed) vs node, and 2-worker speedups per model. Rounds are interleaved (A B C A B C ...),
 * medians reported, and attached to the newest run's results.json so its report shows them. Run:
 * <pre>mvn -q test-compile exec:exec@js-runtimes -Djs.bench.args="20000000 5"</pre>
 * (iterations per unit, rounds; the exec-maven-plugin uses the toolchain's JDK 25).
 */
public final class JsRuntimesBenchmark {
    private JsRuntimesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        Runtime javet = JavetRuntime.discover(root).getFirst();
        Runtime node = NodeRuntime.discover(root).getFirst();
        GraalJsRuntime graal = (GraalJsRuntime) GraalJsRuntime.discover(root).getFirst();
        for (Runtime r : List.of(javet, node, graal)) {
            System.out.println(r.id() + ": " + r.describe());
        }
        WorkloadSize size = new WorkloadSize(12, iterations);
        double totalIterations = 12.0 * iterations;
        // series: name -> (runtime, model, workers)
        Map<String, Object[]> series = new LinkedHashMap<>();
        series.put("javet event-loop x1", new Object[] {javet, "event-loop", 1});
        series.put("node event-loop x1", new Object[] {node, "event-loop", 1});
        series.put("graaljs single-context x1", new Object[] {graal, "single-context", 1});
        series.put("javet event-loop x2", new Object[] {javet, "event-loop", 2});
        series.put("javet worker-threads x2", new Object[] {javet, "worker-threads", 2});
        series.put("node worker-threads x2", new Object[] {node, "worker-threads", 2});
        series.put("javet workers-shared-memory x2", new Object[] {javet, "workers-shared-memory", 2});
        series.put("graaljs contexts x1", new Object[] {graal, "contexts", 1});
        series.put("graaljs contexts x2", new Object[] {graal, "contexts", 2});
        Map<String, List<Double>> walls = new LinkedHashMap<>();
        for (int round = -2; round < rounds; round++) { // two warm-up rounds (GraalJS needs >= 6 calls: +2 below)
            for (var e : series.entrySet()) {
                Runtime rt = (Runtime) e.getValue()[0];
                if (rt.unavailableReason().isPresent()) {
                    continue;
                }
                Job job = new Job("integer_hash", (String) e.getValue()[1], (Integer) e.getValue()[2], size,
                        Duration.ofMinutes(5));
                int calls = rt == graal && round < 0 ? 3 : 1;
                for (int c = 0; c < calls; c++) {
                    Sample s = rt.run(job);
                    if (round >= 0) {
                        walls.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s.wallSeconds());
                    }
                }
            }
        }
        Map<String, Double> med = new LinkedHashMap<>();
        Map<String, Double> figures = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%n%-32s %12s %14s%n", "series", "median s", "ns/iteration");
        for (var e : walls.entrySet()) {
            List<Double> w = new ArrayList<>(e.getValue());
            w.sort(null);
            double m = w.get(w.size() / 2);
            med.put(e.getKey(), m);
            System.out.printf(Locale.ROOT, "%-32s %12.4f %14.3f%n", e.getKey(), m, m / totalIterations * 1e9);
            figures.put("ns/iteration " + e.getKey(), m / totalIterations * 1e9);
        }
        System.out.println();
        ratio(med, "javet event-loop x1", "node event-loop x1", "embedded/standalone (1 worker)");
        ratio(med, "javet worker-threads x2", "node worker-threads x2", "embedded/standalone (worker-threads x2)");
        ratio(med, "graaljs single-context x1", "node event-loop x1",
                "graaljs/node (1 worker, graaljs_mode=" + (graal.jit() ? "jit" : "interpreter") + ")");
        System.out.println();
        ratio(med, "javet event-loop x1", "javet event-loop x2", "speedup javet event-loop 2 vs 1");
        ratio(med, "javet event-loop x1", "javet worker-threads x2", "speedup javet worker-threads x2 vs event-loop x1");
        ratio(med, "javet event-loop x1", "javet workers-shared-memory x2", "speedup javet workers-shared-memory x2");
        ratio(med, "node event-loop x1", "node worker-threads x2", "speedup node worker-threads x2");
        ratio(med, "graaljs contexts x1", "graaljs contexts x2", "speedup graaljs contexts 2 vs 1");
        putRatio(figures, med, "embedded/standalone 1 worker", "javet event-loop x1", "node event-loop x1");
        putRatio(figures, med, "embedded/standalone worker-threads x2", "javet worker-threads x2", "node worker-threads x2");
        putRatio(figures, med, "graaljs/node 1 worker (" + (graal.jit() ? "jit" : "interpreter") + ")",
                "graaljs single-context x1", "node event-loop x1");
        try {
            System.out.println("figures attached to " + concurrencyclaims.results.BenchmarkResults.attach(root,
                    "js-runtimes", "integer_hash, 12 units × " + iterations + " iterations, " + rounds
                    + " interleaved rounds, medians; node " + node.describe().getOrDefault("version", "?"), figures));
        } catch (java.io.IOException e) {
            System.out.println("figures not attached to a run: " + e.getMessage());
        }
        javet.close();
        node.close();
        graal.close();
    }

    private static void putRatio(Map<String, Double> figures, Map<String, Double> med, String name, String a, String b) {
        if (med.containsKey(a) && med.containsKey(b)) {
            figures.put(name, med.get(a) / med.get(b));
        }
    }

    private static void ratio(Map<String, Double> med, String a, String b, String label) {
        if (med.containsKey(a) && med.containsKey(b)) {
            System.out.printf(Locale.ROOT, "%-60s %8.3f%n", label + " = " + a + " / " + b, med.get(a) / med.get(b));
        }
    }
}
