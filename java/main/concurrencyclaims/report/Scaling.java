package concurrencyclaims.report;

import concurrencyclaims.report.Results.Series;
import concurrencyclaims.report.Results.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Speedup against workers for every (runtime, model) of a CPU workload, derived from the raw series: median wall
 * time at one worker (of the same model where a claim measured it, else the runtime's sequential run) over median
 * wall time at w workers, both of one size (units and iterations), with a bootstrap 95% interval.
 */
final class Scaling {
    private static final Set<String> BASELINE_ROLES = Set.of("baseline", "control-baseline");

    record Point(int workers, double speedup, double ciLow, double ciHigh, int samples) {
    }

    record Curve(String runtime, String model, List<Point> points) {
    }

    private Scaling() {
    }

    /** CPU workloads are those whose claims are judged by speedup, utilisation or parallelism. */
    static Set<String> cpuWorkloads(Results results) {
        Set<String> workloads = new LinkedHashSet<>();
        for (Verdict verdict : results.verdicts()) {
            if (isCpu(verdict) && !verdict.claim().workload().isEmpty()) {
                workloads.add(verdict.claim().workload());
            }
        }
        return workloads;
    }

    static boolean isCpu(Verdict verdict) {
        return verdict.numbers().stream().anyMatch(n -> CPU_METRICS.contains(n.metric()));
    }

    private static final Set<String> CPU_METRICS = Set.of("speedup", "utilisation", "work_parallelism");

    /**
     * The curves of the verdicts about CPU work (a start-up cost on the same workload, at no iterations, is not one):
     * each (runtime, model) at N workers against its own run at one worker where a claim measured that, else the
     * runtime's sequential run, else its own run at one worker among the targets.
     */
    static List<Curve> curves(Results results, String workload) {
        // The same series (e.g. the Java control) is attached to several verdicts: count its samples once.
        Map<List<Object>, Series> unique = new LinkedHashMap<>();
        for (Verdict verdict : results.verdicts()) {
            if (!isCpu(verdict)) {
                continue;
            }
            for (Series series : verdict.series()) {
                if (series.workload().equals(workload) && series.iterations() > 0) {
                    unique.putIfAbsent(List.of(series.runtime(), series.model(), series.workers(), series.samples()), series);
                }
            }
        }
        // Claims size one workload differently (a minimum of seconds for cold workers, a parameter that changes
        // the work per iteration): a speed-up compares runs of one size, units and iterations alike.
        Map<List<Object>, List<Double>> oneWorker = new LinkedHashMap<>();
        Map<String, Map<String, Map<Integer, Map<List<Long>, List<Double>>>>> walls = new LinkedHashMap<>();
        for (Series series : unique.values()) {
            List<Double> measured = series.measured().stream().map(Results.Measurement::wallSeconds).toList();
            List<Long> size = List.of(series.units(), series.iterations());
            if (BASELINE_ROLES.contains(series.role()) && series.workers() == 1) {
                oneWorker.computeIfAbsent(List.of(series.runtime(), series.model(), size), k -> new ArrayList<>())
                        .addAll(measured);
            } else if (!BASELINE_ROLES.contains(series.role())) {
                walls.computeIfAbsent(series.runtime(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(series.model(), k -> new TreeMap<>())
                        .computeIfAbsent(series.workers(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(size, k -> new ArrayList<>()).addAll(measured);
            }
        }
        List<Curve> curves = new ArrayList<>();
        walls.forEach((runtime, byModel) -> byModel.forEach((model, byWorkers) -> {
            if (model.equals(SEQUENTIAL)) {
                return;
            }
            List<Point> points = new ArrayList<>();
            byWorkers.forEach((workers, bySize) -> {
                // The size measured most at these workers that has a one-worker run to compare with.
                List<Double> measured = List.of();
                List<Double> reference = List.of();
                for (Map.Entry<List<Long>, List<Double>> entry : bySize.entrySet()) {
                    List<Double> oneWorkerRun = reference(oneWorker, byWorkers, runtime, model, entry.getKey());
                    if (!oneWorkerRun.isEmpty() && entry.getValue().size() > measured.size()) {
                        measured = entry.getValue();
                        reference = oneWorkerRun;
                    }
                }
                if (measured.isEmpty()) {
                    return;
                }
                long seed = Objects.hash(runtime, model, workers, workload);
                double[] estimate = ReportStats.ratioOfMedians(toArray(reference), toArray(measured), seed);
                points.add(new Point(workers, estimate[0], estimate[1], estimate[2], measured.size()));
            });
            if (!points.isEmpty()) {
                curves.add(new Curve(runtime, model, points));
            }
        }));
        return curves;
    }

    private static final String SEQUENTIAL = "sequential";

    /** One worker of the same model at {@code size} where a claim measured it, else the sequential run, else its own. */
    private static List<Double> reference(Map<List<Object>, List<Double>> oneWorker,
                                          Map<Integer, Map<List<Long>, List<Double>>> byWorkers, String runtime,
                                          String model, List<Long> size) {
        return oneWorker.getOrDefault(List.of(runtime, model, size), oneWorker.getOrDefault(
                List.of(runtime, SEQUENTIAL, size), byWorkers.getOrDefault(1, Map.of()).getOrDefault(size, List.of())));
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
