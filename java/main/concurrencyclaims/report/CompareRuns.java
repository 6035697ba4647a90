package concurrencyclaims.report;

import concurrencyclaims.report.Results.Measurement;
import concurrencyclaims.report.Results.RuntimeInfo;
import concurrencyclaims.report.Results.Series;
import concurrencyclaims.report.Results.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs the verdicts of two runs and tests whether their key numbers differ: Mann-Whitney U on the per-round values
 * of the number (recomputed from the raw samples), Benjamini–Hochberg-adjusted over all pairs of the comparison.
 */
public final class CompareRuns {

    /** One claim × runtime × model judged in both runs (either side may be missing). */
    public record Difference(String claim, String column, String model, Verdict a, Verdict b, String metric,
                             double changePercent, double p, double pAdjusted, String testedOn) {
        public boolean verdictChanged() {
            return a != null && b != null && a.outcome() != b.outcome();
        }

        public boolean significant() {
            return !Double.isNaN(pAdjusted) && pAdjusted < ReportStats.ALPHA;
        }
    }

    private CompareRuns() {
    }

    /**
     * The matrix column of a runtime: its kind when the run has only one runtime of that kind (so CPython 3.11 on
     * one machine lines up with CPython 3.13 on another), otherwise its id.
     */
    static String columnKey(Results results, String runtimeId) {
        Optional<RuntimeInfo> info = results.runtime(runtimeId);
        if (info.isEmpty() || info.get().kind().isEmpty()) {
            return runtimeId;
        }
        String kind = info.get().kind();
        long sameKind = results.environment().runtimes().stream().filter(r -> r.kind().equals(kind)).count();
        return sameKind == 1 ? kind : runtimeId;
    }

    static List<Object> pairKey(Results results, Verdict verdict) {
        return List.of(verdict.claim().id(), columnKey(results, verdict.runtime()), verdict.model());
    }

    public static List<Difference> differences(Results a, Results b) {
        Map<List<Object>, Verdict[]> pairs = new LinkedHashMap<>();
        for (Verdict verdict : a.verdicts()) {
            pairs.computeIfAbsent(pairKey(a, verdict), k -> new Verdict[2])[0] = verdict;
        }
        for (Verdict verdict : b.verdicts()) {
            pairs.computeIfAbsent(pairKey(b, verdict), k -> new Verdict[2])[1] = verdict;
        }
        List<List<Object>> keys = new ArrayList<>(pairs.keySet());
        double[] p = new double[keys.size()];
        String[] metric = new String[keys.size()];
        String[] testedOn = new String[keys.size()];
        double[] change = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Verdict left = pairs.get(keys.get(i))[0];
            Verdict right = pairs.get(keys.get(i))[1];
            p[i] = Double.NaN;
            change[i] = Double.NaN;
            metric[i] = left != null ? left.keyNumber() : right != null ? right.keyNumber() : "";
            testedOn[i] = "";
            if (left == null || right == null || metric[i].isEmpty()) {
                continue;
            }
            String name = metric[i];
            Optional<Results.Estimate> x = left.numbers().stream().filter(n -> n.metric().equals(name)).findFirst();
            Optional<Results.Estimate> y = right.numbers().stream().filter(n -> n.metric().equals(name)).findFirst();
            if (x.isPresent() && y.isPresent() && x.get().median() != 0) {
                change[i] = 100 * (y.get().median() - x.get().median()) / Math.abs(x.get().median());
            }
            Optional<double[]> xs = perRound(left, name);
            Optional<double[]> ys = perRound(right, name);
            if (xs.isPresent() && ys.isPresent()) {
                p[i] = ReportStats.mannWhitneyP(xs.get(), ys.get());
                testedOn[i] = name + " per round";
            } else {
                Optional<double[]> xw = targetWall(left);
                Optional<double[]> yw = targetWall(right);
                if (xw.isPresent() && yw.isPresent()) {
                    p[i] = ReportStats.mannWhitneyP(xw.get(), yw.get());
                    testedOn[i] = "target wall time";
                }
            }
        }
        double[] adjusted = ReportStats.benjaminiHochberg(p);
        List<Difference> differences = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Verdict[] pair = pairs.get(keys.get(i));
            differences.add(new Difference((String) keys.get(i).get(0), (String) keys.get(i).get(1),
                    (String) keys.get(i).get(2), pair[0], pair[1], metric[i], change[i], p[i], adjusted[i], testedOn[i]));
        }
        return differences;
    }

    /**
     * The number as measured in each round, where it can be recomputed from the series: rounds are interleaved
     * (baseline, target, baseline, target…), so the i-th measured samples of two series belong together.
     */
    static Optional<double[]> perRound(Verdict verdict, String metric) {
        Optional<double[]> values = switch (metric) {
            case "utilisation" -> series(verdict, "target").map(t -> t.measured().stream()
                    .mapToDouble(m -> m.cpuSeconds() / m.wallSeconds()).filter(Double::isFinite).toArray());
            case "speedup" -> ratio(verdict, "baseline", "target");
            case "control_speedup" -> ratio(verdict, "control-baseline", "control");
            case "ratio_to_control" -> ratio(verdict, "baseline", "target").flatMap(speedup ->
                    ratio(verdict, "control-baseline", "control").map(control -> divide(speedup, control)));
            default -> Optional.empty();
        };
        return values.filter(v -> v.length > 0);
    }

    private static Optional<double[]> ratio(Verdict verdict, String numeratorRole, String denominatorRole) {
        return series(verdict, numeratorRole).flatMap(numerator -> series(verdict, denominatorRole)
                .map(denominator -> divide(walls(numerator), walls(denominator))));
    }

    private static double[] divide(double[] numerator, double[] denominator) {
        int n = Math.min(numerator.length, denominator.length);
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = numerator[i] / denominator[i];
        }
        return ratios;
    }

    private static Optional<double[]> targetWall(Verdict verdict) {
        return series(verdict, "target").map(CompareRuns::walls).filter(w -> w.length > 0);
    }

    private static double[] walls(Series series) {
        return series.measured().stream().mapToDouble(Measurement::wallSeconds).toArray();
    }

    /** The series of a role at the claim's worker count (scaling runs add others), else at the most workers. */
    private static Optional<Series> series(Verdict verdict, String role) {
        Integer workers = verdict.claim().workers();
        List<Series> candidates = verdict.series().stream().filter(s -> s.role().equals(role)).toList();
        return candidates.stream().filter(s -> workers != null && s.workers() == workers).findFirst()
                .or(() -> candidates.stream().max(java.util.Comparator.comparingInt(Series::workers)));
    }
}
