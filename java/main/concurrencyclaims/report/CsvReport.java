package concurrencyclaims.report;

import concurrencyclaims.report.Results.Estimate;
import concurrencyclaims.report.Results.Measurement;
import concurrencyclaims.report.Results.Series;
import concurrencyclaims.report.Results.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * results.csv: tidy data, one row per measurement. A judged number (role "verdict", median with its interval) and
 * every raw sample (role baseline/target/control…, one row per metric) share the same columns, so pandas, R or a
 * spreadsheet can filter and pivot without reshaping.
 */
public final class CsvReport {
    public static final List<String> COLUMNS = List.of("claim", "language", "runtime", "model", "workers", "metric",
            "value", "unit", "ci_low", "ci_high", "outcome", "role", "round", "warmup", "workload", "run");

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
                            verdict.outcome().name(), "verdict", "", "", verdict.claim().workload(), run.run().id());
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
        }
        return csv.toString();
    }

    private static void sample(StringBuilder csv, Results run, Verdict verdict, Series series, String language,
                               Measurement m, String metric, double value, String unit) {
        if (Double.isNaN(value)) {
            return;
        }
        row(csv, verdict.claim().id(), language, series.runtime(), series.model(), Integer.toString(series.workers()),
                metric, Format.csvNumber(value), unit, "", "", "", series.role(), Integer.toString(m.round()),
                Boolean.toString(m.warmup()), series.workload(), run.run().id());
    }

    private static void row(StringBuilder csv, String... fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(Format.csv(field));
        }
        csv.append(quoted.stream().collect(Collectors.joining(","))).append("\r\n");
    }
}
