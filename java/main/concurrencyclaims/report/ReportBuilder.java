package concurrencyclaims.report;

import concurrencyclaims.report.ReportModel.Block;
import concurrencyclaims.report.ReportModel.BulletList;
import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Chart;
import concurrencyclaims.report.ReportModel.Entry;
import concurrencyclaims.report.ReportModel.Heading;
import concurrencyclaims.report.ReportModel.Paragraph;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Part.Kind;
import concurrencyclaims.report.ReportModel.Table;
import concurrencyclaims.report.Results.Claim;
import concurrencyclaims.report.Results.Estimate;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.report.Results.RuntimeInfo;
import concurrencyclaims.report.Results.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the report of one run, of two runs side by side (with the tests of {@link CompareRuns}) or of many runs
 * merged (verdicts tallied per claim). Formats come later; this decides what is said.
 */
public final class ReportBuilder {
    /** Metrics with this unit are ratios: they are in the matrix and the scaling charts, not in bar charts. */
    private static final String RATIO_UNIT = "×";

    private final List<Results> runs;

    private ReportBuilder(List<Results> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no results to report on");
        }
        this.runs = List.copyOf(runs);
    }

    public static ReportModel build(List<Results> runs) {
        return new ReportBuilder(runs).model();
    }

    private boolean single() {
        return runs.size() == 1;
    }

    private ReportModel model() {
        List<Block> blocks = new ArrayList<>();
        headline().ifPresent(chart -> {
            blocks.add(new Heading("Threads, processes and event loops side by side", "headline"));
            blocks.add(new Paragraph("The speed-up each runtime and model reaches on the CPU-bound workload at the"
                    + " claim's workers, over one worker of the same model (or the runtime's sequential run where no"
                    + " claim measured one worker; ratio of medians, 95% CI), coloured by"
                    + " the verdict of the claim it was measured for: a CONFIRMED flat bar is a claim that a model does"
                    + " not run in parallel holding."));
            blocks.add(chart);
        });
        blocks.add(new Heading("Claims", "claims"));
        blocks.add(new Paragraph(legend()));
        blocks.add(matrix());
        if (runs.size() == 2) {
            blocks.add(new Heading("Differences between the runs", "differences"));
            blocks.add(new Paragraph("Each pair is tested with a two-sided Mann-Whitney U test on the per-round values "
                    + "of its key number, p-values adjusted over all pairs by Benjamini–Hochberg; significant means adjusted p < "
                    + Format.number(ReportStats.ALPHA) + ". Change is B relative to A."));
            blocks.add(differences());
        }
        List<Block> charts = charts();
        if (!charts.isEmpty()) {
            blocks.add(new Heading("Measurements", "measurements"));
            blocks.addAll(charts);
        }
        if (runs.stream().anyMatch(r -> !r.benchmarks().isEmpty())) {
            blocks.add(new Heading("Benchmarks", "benchmarks"));
            blocks.add(new Paragraph("Figures printed by the benchmarks and attached to this run; no claim rests on them."));
            blocks.add(benchmarks());
        }
        blocks.add(new Heading("Environment", "environment"));
        blocks.add(environment());
        List<String> warnings = warnings();
        blocks.add(new Heading("Noise warnings", "warnings"));
        blocks.add(warnings.isEmpty() ? new Paragraph("None: the run saw no noise worth a warning.") : new BulletList(warnings));
        return new ReportModel(title(), subtitle(), blocks);
    }

    private String title() {
        return switch (runs.size()) {
            case 1 -> "Concurrency claims — run " + runs.getFirst().run().id();
            case 2 -> "Concurrency claims — " + runs.get(0).label() + " vs " + runs.get(1).label();
            default -> "Concurrency claims — " + runs.size() + " runs merged";
        };
    }

    private String subtitle() {
        if (single()) {
            Results r = runs.getFirst();
            return r.run().mode() + " run, " + Format.number(r.run().seconds()) + " s, started " + r.run().started()
                    + " on " + r.environment().cpuModel() + " (" + r.environment().coresOnline() + " cores)";
        }
        return runs.stream().map(r -> r.label() + ": run " + r.run().id() + " on " + r.environment().cpuModel()
                + " (" + r.environment().coresOnline() + " cores)").collect(Collectors.joining(" · "));
    }

    private String legend() {
        String verdicts = "CONFIRMED: the measurement agrees with the sentence; REFUTED: it contradicts it; "
                + "INCONCLUSIVE: this machine could not decide; UNAVAILABLE: the runtime or model could not run here.";
        return switch (runs.size()) {
            case 1 -> "One row per claim, one column per runtime; each cell gives the model, the verdict and its key "
                    + "number with the 95% confidence interval. " + verdicts;
            case 2 -> "Each cell shows run A above run B; ≠ marks a changed verdict. " + verdicts;
            default -> "Each cell counts the verdicts of the " + runs.size() + " runs per model. " + verdicts;
        };
    }

    // ---- the matrix ----

    private List<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        for (Results r : runs) {
            r.environment().runtimes().forEach(info -> columns.add(CompareRuns.columnKey(r, info.id())));
            r.verdicts().forEach(v -> columns.add(CompareRuns.columnKey(r, v.runtime())));
        }
        return List.copyOf(columns);
    }

    private Table matrix() {
        List<String> columns = columns();
        List<Cell> headers = new ArrayList<>();
        headers.add(Cell.text("Claim"));
        for (String column : columns) {
            headers.add(columnHeader(column));
        }
        Map<String, Claim> claims = new LinkedHashMap<>();
        runs.forEach(r -> r.verdicts().forEach(v -> claims.putIfAbsent(v.claim().id(), v.claim())));
        List<List<Cell>> rows = new ArrayList<>();
        for (Claim claim : claims.values()) {
            List<Cell> row = new ArrayList<>();
            row.add(claimCell(claim));
            for (String column : columns) {
                row.add(matrixCell(claim.id(), column));
            }
            rows.add(row);
        }
        return new Table("matrix", headers, rows);
    }

    private Cell columnHeader(String column) {
        List<String> versions = new ArrayList<>();
        String language = "";
        for (Results r : runs) {
            for (RuntimeInfo info : r.environment().runtimes()) {
                if (CompareRuns.columnKey(r, info.id()).equals(column)) {
                    language = info.language();
                    String version = info.available() ? info.versionAndTraits() : "absent";
                    versions.add(single() ? version : r.label() + " " + version);
                }
            }
        }
        String note = (language.isEmpty() ? "" : language + " · ") + String.join(", ", versions);
        return Cell.of(Part.of(Kind.NAME, column), Part.of(Kind.NOTE, note));
    }

    private static Cell claimCell(Claim claim) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.of(Kind.QUOTE, claim.quote()));
        String source = claim.document() + (claim.section().isEmpty() ? "" : " § " + claim.section());
        List<Part> origin = new ArrayList<>();
        origin.add(Part.of(Kind.NAME, claim.id()));
        origin.add(Part.of(Kind.NOTE, source));
        if (!claim.url().isEmpty()) {
            origin.add(Part.of(Kind.LINK, claim.url()));
        }
        return new Cell(List.of(new Entry(parts), new Entry(origin)));
    }

    private Cell matrixCell(String claimId, String column) {
        // Per model, the verdict of each run (null where a run did not judge it).
        Map<String, Verdict[]> byModel = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Results r = runs.get(i);
            for (Verdict v : r.verdicts()) {
                if (v.claim().id().equals(claimId) && CompareRuns.columnKey(r, v.runtime()).equals(column)) {
                    byModel.computeIfAbsent(v.model(), k -> new Verdict[runs.size()])[i] = v;
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        byModel.forEach((model, verdicts) -> {
            if (runs.size() <= 2) {
                boolean changed = runs.size() == 2 && verdicts[0] != null && verdicts[1] != null
                        && verdicts[0].outcome() != verdicts[1].outcome();
                for (int i = 0; i < verdicts.length; i++) {
                    List<Part> parts = new ArrayList<>();
                    if (i == 0 && !model.isEmpty()) {
                        entries.add(new Entry(List.of(Part.of(Kind.NAME, model))));
                    }
                    if (!single()) {
                        parts.add(Part.of(Kind.RUN, runs.get(i).label()));
                    }
                    if (verdicts[i] == null) {
                        parts.add(Part.of(Kind.NOTE, "not judged"));
                    } else {
                        parts.addAll(verdictParts(verdicts[i]));
                    }
                    if (changed && i == 1) {
                        parts.add(Part.of(Kind.CHANGED, "≠ changed"));
                    }
                    entries.add(new Entry(parts));
                }
            } else {
                entries.add(new Entry(List.of(Part.of(Kind.NAME, model.isEmpty() ? "(no model)" : model))));
                entries.add(new Entry(tally(verdicts)));
            }
        });
        if (entries.isEmpty()) {
            return Cell.of(Part.of(Kind.NOTE, "—"));
        }
        return new Cell(entries);
    }

    private static List<Part> verdictParts(Verdict verdict) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.outcome(verdict.outcome(), verdict.reason()));
        verdict.key().ifPresent(key -> parts.add(new Part(Kind.NUMBER,
                Format.metricName(key.metric()) + " " + Format.estimate(key), null, verdict.reason())));
        if (verdict.decision() != null && verdict.decision().rounds() > 0) {
            int rounds = verdict.decision().rounds();
            parts.add(Part.of(Kind.NOTE, rounds + (rounds == 1 ? " round" : " rounds")));
        }
        if (verdict.outcome() == Outcome.INCONCLUSIVE || verdict.outcome() == Outcome.UNAVAILABLE
                || verdict.outcome() == Outcome.ERROR) {
            parts.add(Part.of(Kind.NOTE, verdict.reason()));
        }
        return parts;
    }

    private static List<Part> tally(Verdict[] verdicts) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int missing = 0;
        for (Verdict v : verdicts) {
            if (v == null) {
                missing++;
            } else {
                counts.merge(v.outcome(), 1, Integer::sum);
            }
        }
        List<Part> parts = new ArrayList<>();
        counts.forEach((outcome, count) -> parts.add(new Part(Kind.OUTCOME, outcome.name() + " ×" + count, outcome, null)));
        if (missing > 0) {
            parts.add(Part.of(Kind.NOTE, missing + " not judged"));
        }
        return parts;
    }

    // ---- differences (two runs) ----

    private Table differences() {
        Results a = runs.get(0);
        Results b = runs.get(1);
        List<Cell> headers = List.of(Cell.text("Claim"), Cell.text("Runtime"), Cell.text("Model"),
                Cell.of(Part.of(Kind.RUN, a.label())), Cell.of(Part.of(Kind.RUN, b.label())), Cell.text("Change"),
                Cell.text("p (BH-adjusted)"), Cell.text("Difference"));
        List<List<Cell>> rows = new ArrayList<>();
        for (CompareRuns.Difference d : CompareRuns.differences(a, b)) {
            List<Part> mark = new ArrayList<>();
            if (d.verdictChanged()) {
                mark.add(Part.of(Kind.CHANGED, "verdict changed"));
            }
            if (d.significant()) {
                mark.add(Part.of(Kind.CHANGED, "significant"));
            } else if (!Double.isNaN(d.pAdjusted())) {
                mark.add(Part.of(Kind.NOTE, "not significant"));
            } else {
                mark.add(Part.of(Kind.NOTE, "not tested"));
            }
            String p = Double.isNaN(d.pAdjusted()) ? "–" : Format.number(d.pAdjusted());
            rows.add(List.of(Cell.of(Part.of(Kind.NAME, d.claim())), Cell.of(Part.of(Kind.NAME, d.column())),
                    Cell.of(Part.of(Kind.NAME, d.model())), side(d.a()), side(d.b()),
                    Cell.text(Double.isNaN(d.changePercent()) ? "–"
                            : String.format(Locale.ROOT, "%+.0f%%", d.changePercent())),
                    Cell.of(Part.text(p), Part.of(Kind.NOTE, d.testedOn())), Cell.of(mark.toArray(Part[]::new))));
        }
        return new Table("differences", headers, rows);
    }

    private static Cell side(Verdict verdict) {
        return verdict == null ? Cell.of(Part.of(Kind.NOTE, "not judged")) : Cell.of(verdictParts(verdict).toArray(Part[]::new));
    }

    // ---- charts ----

    private List<Block> charts() {
        List<Block> charts = new ArrayList<>();
        Set<String> workloads = new LinkedHashSet<>();
        runs.forEach(r -> workloads.addAll(Scaling.cpuWorkloads(r)));
        for (String workload : workloads) {
            charts.add(scalingChart(workload));
        }
        Map<String, String> metrics = new LinkedHashMap<>();
        runs.forEach(r -> r.verdicts().forEach(v -> v.numbers().stream()
                .filter(n -> !n.unit().equals(RATIO_UNIT))
                .forEach(n -> metrics.putIfAbsent(n.metric(), n.unit()))));
        metrics.forEach((metric, unit) -> charts.add(metricChart(metric, unit)));
        return charts;
    }

    /** The CPU-bound workload of the headline: integer_hash where the run has it. */
    private static final String HEADLINE_WORKLOAD = "integer_hash";
    private static final Map<Outcome, String> VERDICT_COLOURS = Map.of(Outcome.CONFIRMED, "#2da44e",
            Outcome.REFUTED, "#cf222e", Outcome.INCONCLUSIVE, "#d4a72c", Outcome.ERROR, "#6e7781",
            Outcome.UNAVAILABLE, "#afb8c1");

    /**
     * One bar per runtime × model judged on the CPU-bound workload: its speed-up at the claim's workers, coloured by
     * that claim's verdict, grouped by language, with the 1× and ideal lines.
     */
    private java.util.Optional<Chart> headline() {
        record HeadlineBar(String language, String label, String colourKey, Scaling.Point point, Outcome outcome) {
        }
        List<HeadlineBar> found = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        int ideal = 1;
        for (Results r : runs) {
            Map<List<Object>, Scaling.Point> points = new LinkedHashMap<>();
            for (Scaling.Curve curve : Scaling.curves(r, HEADLINE_WORKLOAD)) {
                curve.points().forEach(p -> points.put(List.of(curve.runtime(), curve.model(), p.workers()), p));
            }
            for (Verdict v : r.verdicts()) {
                int workers = v.claim().workers() == null ? 2 : v.claim().workers();
                Scaling.Point point = points.get(List.of(v.runtime(), v.model(), workers));
                // A claim that did not apply there measured nothing: the bar belongs to one that did.
                if (!v.claim().workload().equals(HEADLINE_WORKLOAD) || point == null || v.outcome() == Outcome.UNAVAILABLE
                        || !seen.add(List.of(r.label(), v.runtime(), v.model()))) {
                    continue;
                }
                // The ideal is one worker per core, however many workers the claim started.
                ideal = Math.max(ideal, Math.min(workers, Math.max(1, r.environment().coresOnline())));
                String label = (single() ? "" : r.label() + " · ") + v.runtime() + " · " + v.model() + " ×" + workers
                        + " (" + v.claim().id() + ")";
                found.add(new HeadlineBar(v.language(), label, v.outcome().name(), point, v.outcome()));
            }
        }
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> languages = List.of("java", "js", "python");
        found.sort(java.util.Comparator.comparingInt((HeadlineBar b) -> languages.indexOf(b.language()) < 0 ? 9
                : languages.indexOf(b.language())));
        SvgChart chart = SvgChart.bars("Speed-up on " + HEADLINE_WORKLOAD + " by runtime and model",
                "speed-up over one worker (×, median with 95% CI)").logScale(false);
        VERDICT_COLOURS.forEach((outcome, hex) -> chart.colour(outcome.name(), hex));
        List<List<Cell>> rows = new ArrayList<>();
        for (HeadlineBar bar : found) {
            Scaling.Point p = bar.point();
            chart.bar(bar.label(), bar.colourKey(), p.speedup(), p.ciLow(), p.ciHigh(),
                    Format.number(p.speedup()) + "× · " + bar.outcome());
            rows.add(List.of(Cell.of(Part.of(Kind.NAME, bar.label())), Cell.text(Format.number(p.speedup()) + "×"),
                    Cell.text(Double.isNaN(p.ciLow()) ? "–" : Format.number(p.ciLow()) + "–" + Format.number(p.ciHigh())),
                    Cell.text(bar.outcome().name())));
        }
        chart.reference(1, 0, 1, 0, "1×").reference(ideal, 0, ideal, 0, "ideal " + ideal + "×");
        return java.util.Optional.of(new Chart(chart, new Table("headline", List.of(Cell.text("Runtime · model (claim)"),
                Cell.text("Speed-up"), Cell.text("95% CI"), Cell.text("Verdict")), rows)));
    }

    private Chart scalingChart(String workload) {
        SvgChart chart = SvgChart.lines("Scaling of " + workload + ": speedup over one worker",
                "workers", "speedup (×, median with 95% CI)");
        List<List<Cell>> rows = new ArrayList<>();
        int maxWorkers = 1;
        for (int i = 0; i < runs.size(); i++) {
            Results r = runs.get(i);
            for (Scaling.Curve curve : Scaling.curves(r, workload)) {
                String name = (single() ? "" : r.label() + " · ") + curve.runtime() + " · " + curve.model();
                List<SvgChart.Point> points = new ArrayList<>();
                for (Scaling.Point p : curve.points()) {
                    points.add(new SvgChart.Point(p.workers(), p.speedup(), p.ciLow(), p.ciHigh()));
                    maxWorkers = Math.max(maxWorkers, p.workers());
                    rows.add(List.of(Cell.of(Part.of(Kind.NAME, name)), Cell.text(Integer.toString(p.workers())),
                            Cell.text(Format.number(p.speedup()) + "×"),
                            Cell.text(Double.isNaN(p.ciLow()) ? "–" : Format.number(p.ciLow()) + "–" + Format.number(p.ciHigh())),
                            Cell.text(Integer.toString(p.samples()))));
                }
                chart.series(name, CompareRuns.columnKey(r, curve.runtime()) + "/" + curve.model(), i % 2 == 1, points);
            }
        }
        Map<Integer, List<String>> cores = new LinkedHashMap<>();
        for (Results r : runs) {
            cores.computeIfAbsent(r.environment().coresOnline(), k -> new ArrayList<>()).add(r.label());
        }
        int xMax = Math.max(maxWorkers, cores.keySet().stream().mapToInt(Integer::intValue).max().orElse(1));
        chart.reference(1, 1, xMax, xMax, "ideal");
        cores.forEach((count, labels) -> chart.reference(count, 0, count, 0,
                count + " cores" + (single() || cores.size() == 1 ? "" : " (" + String.join(", ", labels) + ")")));
        Table data = new Table("scaling-" + workload, List.of(Cell.text("Runtime · model"), Cell.text("Workers"),
                Cell.text("Speedup"), Cell.text("95% CI"), Cell.text("Samples")), rows);
        return new Chart(chart, data);
    }

    private Chart metricChart(String metric, String unit) {
        String title = Character.toUpperCase(Format.metricName(metric).charAt(0)) + Format.metricName(metric).substring(1);
        SvgChart chart = SvgChart.bars(title + " by runtime and model", title + (unit.isEmpty() ? "" : " (" + unit + ")")
                + ", median with 95% CI").colourOrder(columns());
        List<List<Cell>> rows = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (Results r : runs) {
            for (Verdict v : r.verdicts()) {
                for (Estimate n : v.numbers()) {
                    // Several claims may report the same measurement; draw it once.
                    if (!n.metric().equals(metric) || !seen.add(List.of(r.label(), v.runtime(), v.model(), n.median()))) {
                        continue;
                    }
                    // A cost ratio's cheaper side ran another model or other parameters than the verdict's.
                    String side = n.metric().startsWith("cheaper_") ? " · cheaper side of " + v.claim().id() : "";
                    String label = (single() ? "" : r.label() + " · ") + v.runtime() + " · " + v.model() + side;
                    chart.bar(label, CompareRuns.columnKey(r, v.runtime()), n.median(), n.ciLow(), n.ciHigh(),
                            Format.withUnit(n.median(), n.unit()));
                    rows.add(List.of(Cell.of(Part.of(Kind.NAME, label)), Cell.text(Format.estimate(n)),
                            Cell.of(Part.of(Kind.NAME, v.claim().id()))));
                }
            }
        }
        Table data = new Table("metric-" + metric, List.of(Cell.text("Runtime · model"),
                Cell.text(title + " (95% CI)"), Cell.text("Claim")), rows);
        return new Chart(chart, data);
    }

    // ---- benchmarks, environment and warnings ----

    private Table benchmarks() {
        List<Cell> headers = new ArrayList<>(List.of(Cell.text("Benchmark"), Cell.text("Figure")));
        runs.forEach(r -> headers.add(Cell.of(Part.of(Kind.RUN, r.label()))));
        Map<String, Results.Benchmark> first = new java.util.LinkedHashMap<>();
        runs.forEach(r -> r.benchmarks().forEach(b -> first.putIfAbsent(b.name(), b)));
        List<List<Cell>> rows = new ArrayList<>();
        for (Results.Benchmark benchmark : first.values()) {
            Set<String> figures = new LinkedHashSet<>();
            runs.forEach(r -> r.benchmarks().stream().filter(b -> b.name().equals(benchmark.name()))
                    .forEach(b -> figures.addAll(b.figures().keySet())));
            for (String figure : figures) {
                List<Cell> row = new ArrayList<>();
                row.add(Cell.of(Part.of(Kind.NAME, benchmark.name()), Part.of(Kind.NOTE, benchmark.about())));
                row.add(Cell.text(figure));
                for (Results r : runs) {
                    Double value = r.benchmarks().stream().filter(b -> b.name().equals(benchmark.name()))
                            .map(b -> b.figures().get(figure)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                    row.add(value == null ? Cell.of(Part.of(Kind.NOTE, "—")) : Cell.of(Part.of(Kind.NUMBER, Format.number(value))));
                }
                rows.add(row);
            }
        }
        return new Table("benchmarks", headers, rows);
    }

    private Table environment() {
        List<Cell> headers = new ArrayList<>();
        headers.add(Cell.text(""));
        runs.forEach(r -> headers.add(Cell.of(Part.of(Kind.RUN, r.label()))));
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(envRow("CPU", r -> r.environment().cpuModel()));
        rows.add(envRow("Cores", r -> r.environment().coresOnline() + " online, " + r.environment().coresAvailable()
                + " available to the JVM"));
        rows.add(envRow("Memory", r -> r.environment().memoryMib() + " MiB"));
        rows.add(envRow("OS", r -> r.environment().os()));
        rows.add(envRow("Load (1, 5, 15 min)", r -> "before " + loads(r.environment().loadBefore()) + "; after "
                + loads(r.environment().loadAfter())));
        rows.add(envRow("JDK", r -> r.environment().jdk()));
        rows.add(envRow("Run", r -> r.run().id() + ", " + r.run().mode() + ", " + Format.number(r.run().seconds())
                + " s (" + r.run().started() + " – " + r.run().finished() + ")"));
        Set<String> runtimes = new LinkedHashSet<>();
        runs.forEach(r -> r.environment().runtimes().forEach(i -> runtimes.add(CompareRuns.columnKey(r, i.id()))));
        for (String column : runtimes) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(Part.of(Kind.NAME, column)));
            for (Results r : runs) {
                List<Entry> entries = new ArrayList<>();
                for (RuntimeInfo info : r.environment().runtimes()) {
                    if (CompareRuns.columnKey(r, info.id()).equals(column)) {
                        entries.add(new Entry(runtimeParts(info)));
                    }
                }
                row.add(entries.isEmpty() ? Cell.of(Part.of(Kind.NOTE, "—")) : new Cell(entries));
            }
            rows.add(row);
        }
        return new Table("environment", headers, rows);
    }

    private static List<Part> runtimeParts(RuntimeInfo info) {
        if (!info.available()) {
            return List.of(new Part(Kind.OUTCOME, "absent", Outcome.UNAVAILABLE, null), Part.of(Kind.NOTE, info.reason()));
        }
        String details = info.details().entrySet().stream().filter(e -> !e.getKey().equals("version"))
                .map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue()).collect(Collectors.joining("; "));
        List<Part> parts = new ArrayList<>();
        parts.add(Part.text(info.id() + " " + info.version()));
        if (!details.isEmpty()) {
            parts.add(Part.of(Kind.NOTE, details));
        }
        return parts;
    }

    private List<Cell> envRow(String name, Function<Results, String> value) {
        List<Cell> row = new ArrayList<>();
        row.add(Cell.text(name));
        runs.forEach(r -> row.add(Cell.text(value.apply(r))));
        return row;
    }

    private static String loads(List<Double> loads) {
        return loads.isEmpty() ? "unknown" : loads.stream().map(Format::number).collect(Collectors.joining(", "));
    }

    private List<String> warnings() {
        Set<String> warnings = new LinkedHashSet<>();
        for (Results r : runs) {
            String prefix = single() ? "" : r.label() + ": ";
            r.warnings().forEach(w -> warnings.add(prefix + w));
            for (Verdict v : r.verdicts()) {
                v.warnings().forEach(w -> warnings.add(prefix + w + " (" + v.claim().id() + ")"));
            }
        }
        return List.copyOf(warnings);
    }
}
