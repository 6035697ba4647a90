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
            blocks.add(new Paragraph("Each runtime and model judged on the CPU-bound workload, one row per verdict."
                    + " The bar is the statistic the verdict was decided on, named under it, with its interval at the"
                    + " decision rule's last look and the claim's bound (the dark tick), coloured by the verdict: for a"
                    + " claim that a model runs in parallel, work_parallelism, how many cores the workers' own work kept"
                    + " busy at once, their start-up left out; for a claim that it does not, utilisation, the CPU it"
                    + " used over its wall time. The hollow diamond is apart from it: the speed-up by wall time over one"
                    + " worker, the cost of starting the workers included, which a program that starts workers for one"
                    + " job pays. Every figure here is the one in the claims table."));
            blocks.add(chart);
        });
        blocks.add(new Heading("Claims", "claims"));
        blocks.add(new Paragraph(legend()));
        blocks.add(matrix());
        interpreters().ifPresent(table -> {
            blocks.add(new Heading("Claims by Python interpreter", "interpreters"));
            blocks.add(new Paragraph("Every claim judged on Python, under each Python interpreter of this run: its"
                    + " verdict and what it was decided on, per model. What a claim depends on (the GIL, the"
                    + " version, the implementation) is in the column heads; a claim about one kind of interpreter is"
                    + " UNAVAILABLE on the others, with the reason."));
            blocks.add(table);
        });
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
        blocks.addAll(SweepReport.blocks(runs));
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
            case 1 -> "One row per claim, one column per runtime; each cell gives the model, the verdict and what it"
                    + " was decided on: the statistic with its interval at the decision rule's last look (at that look's"
                    + " confidence level) and the claim's bound, or for a fact its key number; then, smaller, the other"
                    + " numbers with their 95% confidence intervals, and the rounds measured. " + verdicts;
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

    /**
     * A verdict as a cell shows it: the badge, then what was judged (the decided statistic with its interval and the
     * claim's bound; a fact's key number), then the other numbers, smaller, the rounds and, where it did not hold or
     * could not be judged, why.
     */
    private static List<Part> verdictParts(Verdict verdict) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.outcome(verdict.outcome(), verdict.reason()));
        java.util.Optional<String> decided = decidedFigure(verdict);
        if (decided.isPresent()) {
            parts.add(new Part(Kind.NUMBER, decided.get(), null, verdict.reason()));
            String others = verdict.numbers().stream().filter(n -> !n.metric().equals(verdict.decision().statistic()))
                    .map(n -> numberText(verdict, n)).collect(Collectors.joining(" · "));
            if (!others.isEmpty()) {
                parts.add(Part.of(Kind.MINOR, others));
            }
        } else {
            verdict.key().ifPresent(key -> parts.add(new Part(Kind.NUMBER, numberText(verdict, key), null,
                    verdict.reason())));
        }
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

    /**
     * What a verdict was decided on, e.g. "work_parallelism 1.94× (97% CI 1.80–2.00), claim > 1.5"; empty for a
     * fact, which has no bound, and for a file written before the harness recorded decisions.
     */
    static java.util.Optional<String> decidedFigure(Verdict verdict) {
        Results.Decision decision = verdict.decision();
        if (decision == null || decision.statistic() == null || decision.bound().isEmpty()) {
            return java.util.Optional.empty();
        }
        Estimate estimate = verdict.numbers().stream().filter(n -> n.metric().equals(decision.statistic()))
                .findFirst().orElse(null);
        return java.util.Optional.of(Format.decided(decision.statistic(), estimate, decision));
    }

    /**
     * The speed-up by wall time, the workers' start-up included: {@code wall_speedup} where the verdict also has the
     * speed-up of its work's span, else its {@code speedup}, which every assertion that reports one alone takes from
     * wall times.
     */
    static java.util.Optional<Estimate> wallSpeedup(Verdict verdict) {
        return number(verdict, WALL_SPEEDUP).or(() -> number(verdict, SPEEDUP));
    }

    private static final String SPEEDUP = "speedup";
    private static final String WALL_SPEEDUP = "wall_speedup";

    private static java.util.Optional<Estimate> number(Verdict verdict, String metric) {
        return verdict.numbers().stream().filter(n -> n.metric().equals(metric)).findFirst();
    }

    /** A number with its name as this verdict means it: its two speed-ups are told apart. */
    static String numberText(Verdict verdict, Estimate number) {
        String name;
        if (wallSpeedup(verdict).filter(wall -> wall.metric().equals(number.metric())).isPresent()) {
            name = "wall-time speed-up";
        } else if (number.metric().equals(SPEEDUP)) {
            name = "work-span speed-up";
        } else {
            name = Format.metricName(number.metric());
        }
        return name + " " + Format.estimate(number);
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

    // ---- the Python interpreters ----

    private static final String PYTHON = "python";

    /**
     * The claims judged on Python × every Python interpreter of the run (a single run: a comparison has the matrix),
     * each cell the verdicts per model with what they were decided on; empty when the run had no Python interpreter.
     */
    private java.util.Optional<Table> interpreters() {
        if (!single()) {
            return java.util.Optional.empty();
        }
        Results r = runs.getFirst();
        Map<String, RuntimeInfo> interpreters = new LinkedHashMap<>();
        r.environment().runtimes().stream().filter(info -> info.language().equals(PYTHON))
                .forEach(info -> interpreters.put(info.id(), info));
        Map<String, Map<String, List<Verdict>>> byClaim = new LinkedHashMap<>();
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (Verdict v : r.verdicts()) {
            if (v.language().equals(PYTHON) || interpreters.containsKey(v.runtime())) {
                interpreters.putIfAbsent(v.runtime(), null);
                claims.putIfAbsent(v.claim().id(), v.claim());
                byClaim.computeIfAbsent(v.claim().id(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(v.runtime(), k -> new ArrayList<>()).add(v);
            }
        }
        if (interpreters.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Cell> headers = new ArrayList<>();
        headers.add(Cell.text("Claim"));
        List<String> columns = interpreters.keySet().stream()
                .sorted(java.util.Comparator.comparing(id -> columnOrder(interpreters.get(id)))).toList();
        columns.forEach(id -> headers.add(interpreterHeader(id, interpreters.get(id))));
        List<List<Cell>> rows = new ArrayList<>();
        for (Claim claim : claims.values()) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(Part.of(Kind.NAME, claim.id())));
            for (String id : columns) {
                // Models that are UNAVAILABLE for one reason share one entry: the reason is the interpreter's.
                Map<Object, List<Verdict>> entries = new LinkedHashMap<>();
                for (Verdict v : byClaim.get(claim.id()).getOrDefault(id, List.of())) {
                    Object key = v.outcome() == Outcome.UNAVAILABLE ? v.reason() : v;
                    entries.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
                }
                List<Entry> cell = new ArrayList<>();
                entries.values().forEach(verdicts -> {
                    List<Part> models = verdicts.stream().map(Verdict::model).filter(m -> !m.isEmpty())
                            .map(m -> Part.of(Kind.NAME, m)).toList();
                    if (!models.isEmpty()) {
                        cell.add(new Entry(models));
                    }
                    cell.add(new Entry(judged(verdicts.getFirst())));
                });
                row.add(cell.isEmpty() ? Cell.of(Part.of(Kind.NOTE, "not judged on this interpreter")) : new Cell(cell));
            }
            rows.add(row);
        }
        return java.util.Optional.of(new Table("interpreter-matrix", headers, rows));
    }

    /** The badge and what the verdict rests on, the same text as in the claims matrix; why, where it is UNAVAILABLE. */
    private static List<Part> judged(Verdict verdict) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.outcome(verdict.outcome(), verdict.reason()));
        java.util.Optional<String> decided = decidedFigure(verdict);
        if (decided.isPresent()) {
            parts.add(new Part(Kind.NUMBER, decided.get(), null, verdict.reason()));
        } else {
            verdict.key().ifPresent(key -> parts.add(new Part(Kind.NUMBER, numberText(verdict, key), null,
                    verdict.reason())));
        }
        if (verdict.outcome() == Outcome.UNAVAILABLE) {
            parts.add(Part.of(Kind.NOTE, verdict.reason()));
        }
        return parts;
    }

    /**
     * Columns in the order a reader looks for them: CPython before the other implementations, the builds with the GIL
     * before those without, older versions first; interpreters that said nothing of themselves last.
     */
    private static String columnOrder(RuntimeInfo info) {
        if (info == null || info.details().get("implementation") == null) {
            return "9";
        }
        String implementation = String.valueOf(info.details().get("implementation"));
        String version = java.util.Arrays.stream(info.version().split("\\D+")).filter(p -> !p.isEmpty())
                .map(p -> String.format(java.util.Locale.ROOT, "%05d", Long.parseLong(p)))
                .collect(java.util.stream.Collectors.joining("."));
        return (implementation.equals("CPython") ? "0" : "1" + implementation) + "|"
                + (Boolean.FALSE.equals(info.details().get("gil_enabled")) ? "1" : "0") + "|" + version;
    }

    /** Id, implementation and version, GIL and JIT as the interpreter reported them; an absent one's reason. */
    private static Cell interpreterHeader(String id, RuntimeInfo info) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.of(Kind.NAME, id));
        if (info == null) {
            parts.add(Part.of(Kind.NOTE, "not in the run's environment"));
            return Cell.of(parts.toArray(Part[]::new));
        }
        if (!info.available()) {
            parts.add(new Part(Kind.OUTCOME, "absent", Outcome.UNAVAILABLE, null));
            parts.add(Part.of(Kind.NOTE, info.reason() == null ? "no reason given" : info.reason()));
            return Cell.of(parts.toArray(Part[]::new));
        }
        Object implementation = info.details().get("implementation");
        parts.add(Part.of(Kind.NOTE, ((implementation == null ? "" : implementation + " ") + info.version()).strip()));
        parts.add(Part.of(Kind.NOTE, "GIL " + trait(info.details().get("gil_enabled"), "on", "off")));
        parts.add(Part.of(Kind.NOTE, "JIT " + trait(info.details().get("jit"), "yes", "no")));
        return Cell.of(parts.toArray(Part[]::new));
    }

    /** A yes/no detail read back as text; anything else (absent, "null") is not known. */
    private static String trait(Object value, String yes, String no) {
        return switch (String.valueOf(value)) {
            case "true" -> yes;
            case "false" -> no;
            default -> "unknown";
        };
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
     * One row per verdict about CPU parallelism on the CPU-bound workload: the statistic it was decided on, with its
     * interval and the claim's bound, coloured by the verdict, and apart from it the wall-time speed-up, the workers'
     * start-up included; grouped by language, with the 1× and ideal lines. Every figure is the claims table's text.
     */
    private java.util.Optional<Chart> headline() {
        record HeadlineRow(Results run, Verdict verdict, String figure, Estimate wall) {
        }
        List<HeadlineRow> found = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        int ideal = 1;
        for (Results r : runs) {
            for (Verdict v : r.verdicts()) {
                java.util.Optional<String> figure = decidedFigure(v);
                // A start-up cost on the same workload is no claim about parallelism; a claim that did not apply
                // there measured nothing; a run merged twice is drawn once.
                if (!v.claim().workload().equals(HEADLINE_WORKLOAD) || !Scaling.isCpu(v) || figure.isEmpty()
                        || v.outcome() == Outcome.UNAVAILABLE || !decidedUnit(v).equals(RATIO_UNIT)
                        || !seen.add(List.of(r.label(), v.claim().id(), v.runtime(), v.model()))) {
                    continue;
                }
                int workers = v.claim().workers() == null ? 2 : v.claim().workers();
                // The ideal is one worker per core, however many workers the claim started.
                ideal = Math.max(ideal, Math.min(workers, Math.max(1, r.environment().coresOnline())));
                // Where the verdict was decided on the wall-time speed-up itself, the bar already shows it.
                found.add(new HeadlineRow(r, v, figure.get(), wallSpeedup(v)
                        .filter(wall -> !wall.metric().equals(v.decision().statistic())).orElse(null)));
            }
        }
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> languages = List.of("java", "js", "python");
        found.sort(java.util.Comparator.comparingInt((HeadlineRow row) -> languages.indexOf(row.verdict().language()) < 0
                ? 9 : languages.indexOf(row.verdict().language())));
        SvgChart chart = SvgChart.decisions("What each verdict on " + HEADLINE_WORKLOAD + " was decided on",
                "× (bar: the statistic under it; ◇: wall-time speed-up)",
                List.of("decided statistic (median), colour: verdict", "its interval", "the claim's bound",
                        "wall-time speed-up, start-up included"));
        VERDICT_COLOURS.forEach((outcome, hex) -> chart.colour(outcome.name(), hex));
        List<List<Cell>> rows = new ArrayList<>();
        for (HeadlineRow row : found) {
            Verdict v = row.verdict();
            Results.Decision decision = v.decision();
            Estimate statistic = number(v, decision.statistic()).orElse(null);
            int workers = v.claim().workers() == null ? 2 : v.claim().workers();
            String label = (single() ? "" : row.run().label() + " · ") + v.outcome().name() + " — " + v.runtime() + " · "
                    + v.model() + " ×" + workers + " (" + v.claim().id() + ")";
            String wallText = row.wall() == null ? null : numberText(v, row.wall());
            List<Double> interval = decision.interval().size() == 2 ? decision.interval()
                    : List.of(Double.NaN, Double.NaN);
            chart.row(label, v.outcome().name(), statistic == null ? Double.NaN : statistic.median(), interval.get(0),
                    interval.get(1), decision.bound(), row.wall() == null ? Double.NaN : row.wall().median(),
                    wallText == null ? List.of(row.figure()) : List.of(row.figure(), wallText));
            List<Cell> cells = new ArrayList<>();
            if (!single()) {
                cells.add(Cell.of(Part.of(Kind.RUN, row.run().label())));
            }
            cells.addAll(List.of(Cell.of(Part.of(Kind.NAME, v.claim().id())),
                    Cell.of(Part.of(Kind.NAME, CompareRuns.columnKey(row.run(), v.runtime()))),
                    Cell.of(Part.of(Kind.NAME, v.model() + " ×" + workers)),
                    Cell.of(Part.outcome(v.outcome(), v.reason())),
                    Cell.of(Part.of(Kind.NUMBER, row.figure())),
                    wallText == null ? Cell.of(Part.of(Kind.NOTE, "—")) : Cell.of(Part.of(Kind.NUMBER, wallText))));
            rows.add(cells);
        }
        chart.reference(1, 0, 1, 0, "1×").reference(ideal, 0, ideal, 0, "ideal " + ideal + "×");
        List<Cell> headers = new ArrayList<>(single() ? List.of() : List.of(Cell.text("Run")));
        headers.addAll(List.of(Cell.text("Claim"), Cell.text("Runtime"), Cell.text("Model"), Cell.text("Verdict"),
                Cell.text("Decided on"), Cell.text("Wall-time speed-up, start-up included")));
        return java.util.Optional.of(new Chart(chart, new Table("headline-numbers", headers, rows)));
    }

    private static String decidedUnit(Verdict verdict) {
        return number(verdict, verdict.decision().statistic()).map(Estimate::unit).orElse("");
    }

    private Chart scalingChart(String workload) {
        // From the raw series, at every worker count measured: a ratio of medians, not a verdict's paired figure.
        SvgChart chart = SvgChart.lines("Scaling of " + workload + ": wall-time speed-up over one worker",
                "workers", "wall-time speed-up (×, ratio of medians, 95% CI)");
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
                Cell.text("Wall-time speed-up"), Cell.text("95% CI"), Cell.text("Samples")), rows);
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
