package concurrencyclaims.report;

import concurrencyclaims.report.Results.Estimate;
import concurrencyclaims.report.Results.Fit;
import concurrencyclaims.report.Results.Measurement;
import concurrencyclaims.report.Results.Series;
import concurrencyclaims.report.Results.Sweep;
import concurrencyclaims.report.Results.SweepPoint;
import concurrencyclaims.report.Results.SweepStop;
import concurrencyclaims.report.Results.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * results.csv: tidy data, one row per measurement. A judged number (role "verdict", median with its interval) and
 * every raw sample (role baseline/target/control…, one row per metric) share the same columns, so pandas, R or a
 * spreadsheet can filter and pivot without reshaping. A concurrency sweep (claim "sweep", role "sweep") gives per line
 * and number of tasks (workers) the medians of {@link SweepFigures}'s figures, per line each fit's slope per task with
 * its interval, and where it stopped; its kind of wait is in {@code parameters}, a fit's intercept and a stop's reason
 * in {@code notes}.
 */
public final class CsvReport {
    public static final List<String> COLUMNS = List.of("claim", "language", "runtime", "model", "workers", "metric",
            "value", "unit", "ci_low", "ci_high", "outcome", "role", "round", "warmup", "workload", "run", "parameters",
            "notes");
    static final String SWEEP = "sweep";

    private CsvReport() {
    }

    public static String render(List<Results> runs) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Results run : runs) {
            for (Verdict verdict : run.verdicts()) {
                String workers = verdict.claim().workers() == null ? "" : verdict.claim().workers().toString();
                for (Estimate number : verdict.numbers()) {
                    row(csv, verdict.claim().id(), verdict.language(), verdict.runtime(), verdict.model(), workers,
                            number.metric(), Format.csvNumber(number.median()), number.unit(),
                            Format.csvNumber(number.ciLow()), Format.csvNumber(number.ciHigh()),
                            verdict.outcome().name(), "verdict", "", "", verdict.claim().workload(), run.run().id(),
                            "", "");
                }
            }
            // Claims judged for several models share their baseline and control: each series once per claim.
            Set<List<Object>> written = new HashSet<>();
            for (Verdict verdict : run.verdicts()) {
                for (Series series : verdict.series()) {
                    if (!written.add(List.of(verdict.claim().id(), series))) {
                        continue;
                    }
                    String language = run.runtime(series.runtime()).map(Results.RuntimeInfo::language).orElse("");
                    for (Measurement m : series.samples()) {
                        sample(csv, run, verdict, series, language, m, "wall_s", m.wallSeconds(), "s");
                        sample(csv, run, verdict, series, language, m, "cpu_s", m.cpuSeconds(), "s");
                        sample(csv, run, verdict, series, language, m, "peak_rss_kib", m.peakRssKiB(), "KiB");
                        sample(csv, run, verdict, series, language, m, "foreign_cpu_s", m.foreignCpuSeconds(), "s");
                    }
                }
            }
            for (Sweep sweep : run.sweeps()) {
                sweep(csv, run, sweep);
            }
        }
        return csv.toString();
    }

    /** The metrics of a sweep's points: name, unit, the median at one point. */
    private record SweepMetric(String name, String unit, java.util.function.ToDoubleFunction<SweepPoint> value) {
    }

    private static final List<SweepMetric> SWEEP_METRICS = List.of(
            new SweepMetric("pss_kib_per_task", "KiB", p -> SweepFigures.median(p, SweepFigures::pssGrowthKiB) / p.tasks()),
            new SweepMetric("startup_ms_per_task", "ms", p -> SweepFigures.median(p, SweepFigures::startupMs) / p.tasks()),
            new SweepMetric("cpu_ms_per_task", "ms", p -> SweepFigures.median(p, SweepFigures::cpuMs) / p.tasks()),
            new SweepMetric("waits_s", "s", p -> SweepFigures.median(p, SweepFigures::waitsSeconds)),
            new SweepMetric("wall_s", "s", p -> SweepFigures.median(p, SweepFigures::tasksWallSeconds)));

    private static void sweep(StringBuilder csv, Results run, Sweep sweep) {
        String language = sweep.language().isEmpty()
                ? run.runtime(sweep.runtime()).map(Results.RuntimeInfo::language).orElse("") : sweep.language();
        String parameters = "wait=" + sweep.waitKind() + ";wait_ms=" + Format.csvNumber(sweep.waitMs());
        for (SweepPoint point : sweep.points()) {
            for (SweepMetric metric : SWEEP_METRICS) {
                double value = metric.value().applyAsDouble(point);
                if (Double.isNaN(value)) {
                    continue;
                }
                row(csv, SWEEP, language, sweep.runtime(), sweep.model(), Integer.toString(point.tasks()), metric.name(),
                        Format.csvNumber(value), metric.unit(), "", "", "", SWEEP, "", "", sweep.workload(),
                        run.run().id(), parameters,
                        point.samples().size() == 1 ? "1 sample" : point.samples().size() + " samples, median");
            }
        }
        for (Fit fit : sweep.fits()) {
            if (Double.isNaN(fit.slope())) {
                continue;
            }
            row(csv, SWEEP, language, sweep.runtime(), sweep.model(), "", "fit_" + fit.metric() + "_per_task",
                    Format.csvNumber(fit.slope()), fit.unit() + "/task", Format.csvNumber(fit.slopeLow()),
                    Format.csvNumber(fit.slopeHigh()), "", SWEEP, "", "", sweep.workload(), run.run().id(), parameters,
                    "intercept=" + Format.csvNumber(fit.intercept()) + ";r_squared=" + Format.csvNumber(fit.rSquared())
                            + ";samples=" + fit.samples());
        }
        if (sweep.stop() != null) {
            SweepStop stop = sweep.stop();
            row(csv, SWEEP, language, sweep.runtime(), sweep.model(), Integer.toString(stop.tasks()), "stopped_at",
                    Integer.toString(stop.tasks()), "tasks", "", "", "", SWEEP, "", "", sweep.workload(), run.run().id(),
                    parameters, stop.kind() + (SweepReport.reason(stop).isEmpty() ? "" : ": " + SweepReport.reason(stop)));
        }
    }

    private static void sample(StringBuilder csv, Results run, Verdict verdict, Series series, String language,
                               Measurement m, String metric, double value, String unit) {
        if (Double.isNaN(value)) {
            return;
        }
        row(csv, verdict.claim().id(), language, series.runtime(), series.model(), Integer.toString(series.workers()),
                metric, Format.csvNumber(value), unit, "", "", "", series.role(), Integer.toString(m.round()),
                Boolean.toString(m.warmup()), series.workload(), run.run().id(), "", "");
    }

    private static void row(StringBuilder csv, String... fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(Format.csv(field));
        }
        csv.append(quoted.stream().collect(Collectors.joining(","))).append("\r\n");
    }
}
