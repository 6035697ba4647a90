package concurrencyclaims.report;

import concurrencyclaims.report.ReportModel.Block;
import concurrencyclaims.report.ReportModel.BulletList;
import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Chart;
import concurrencyclaims.report.ReportModel.Heading;
import concurrencyclaims.report.ReportModel.Paragraph;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Part.Kind;
import concurrencyclaims.report.ReportModel.Table;
import concurrencyclaims.report.Results.Fit;
import concurrencyclaims.report.Results.Sweep;
import concurrencyclaims.report.Results.SweepPoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The section of the concurrency sweeps, "How cost grows with concurrent tasks": per language a log–log chart of the
 * tasks' memory per task and one of their wall time against the number of concurrent tasks (one line per runtime,
 * model and kind of wait, the fitted cost per task in the legend, a cross where a line stopped), each with its numbers;
 * then one table row per line with the fits, how far the waits overlapped and where and why it stopped. Every figure
 * is {@link SweepFigures}'s, from the samples in results.json; the fits are the file's.
 */
final class SweepReport {
    static final String ANCHOR = "sweeps";
    static final String TABLE = "sweeps";
    /** Languages in the order of the rest of the report; any other after them. */
    private static final List<String> LANGUAGES = List.of("java", "python", "js", "javascript");

    /** One line of a chart and row of the table: a sweep of one run. */
    record Line(Results run, Sweep sweep, String language, String name, String colourKey) {
        boolean dashed() {
            return !sweep.waitKind().equals("sleep");
        }

        Optional<SweepPoint> last() {
            return sweep.points().isEmpty() ? Optional.empty() : Optional.of(sweep.points().getLast());
        }
    }

    /** A figure drawn per point: its name, unit, how it is made from a point, and the fit its legend names. */
    record Figure(String id, String title, String axis, String unit, ToDoubleFunction<SweepPoint> perPoint,
                  String fitMetric, String fitText) {
    }

    static final Figure MEMORY = new Figure("memory", "memory per task", "KiB per task, median", "KiB",
            point -> SweepFigures.median(point, SweepFigures::pssGrowthKiB) / point.tasks(), SweepFigures.MEMORY,
            "KiB/task");
    static final Figure WALL = new Figure("wall", "the tasks' wall time", "seconds, median", "s",
            point -> SweepFigures.median(point, SweepFigures::tasksWallSeconds), SweepFigures.STARTUP,
            "ms/task to start");

    private final List<Results> runs;

    private SweepReport(List<Results> runs) {
        this.runs = runs;
    }

    /** The section's blocks; none when no run has a sweep. */
    static List<Block> blocks(List<Results> runs) {
        return new SweepReport(runs).blocks();
    }

    private boolean single() {
        return runs.size() == 1;
    }

    /** Every sweep line of the runs, by language in the report's order, a run merged twice once. */
    List<Line> lines() {
        Map<String, List<Line>> byLanguage = new LinkedHashMap<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        for (Results run : runs) {
            for (Sweep sweep : run.sweeps()) {
                if (!seen.add(List.of(run.label() == null ? "" : run.label(), sweep.runtime(), sweep.model(),
                        sweep.waitKind()))) {
                    continue;
                }
                String language = language(run, sweep);
                byLanguage.computeIfAbsent(language, k -> new ArrayList<>()).add(new Line(run, sweep, language, "",
                        CompareRuns.columnKey(run, sweep.runtime()) + "/" + sweep.model()));
            }
        }
        List<String> languages = new ArrayList<>(byLanguage.keySet());
        languages.sort(java.util.Comparator.comparingInt(l -> LANGUAGES.indexOf(l) < 0 ? 99 : LANGUAGES.indexOf(l)));
        List<Line> lines = new ArrayList<>();
        for (String language : languages) {
            List<Line> group = byLanguage.get(language);
            // The runtime is named where a language has more than one in the charts, the run where there are several.
            boolean runtimes = group.stream().map(l -> l.sweep().runtime()).distinct().count() > 1;
            for (Line line : group) {
                String name = (single() ? "" : line.run().label() + " · ")
                        + (runtimes ? line.sweep().runtime() + " · " : "") + line.sweep().model() + " · "
                        + line.sweep().waitKind();
                lines.add(new Line(line.run(), line.sweep(), language, name, line.colourKey()));
            }
        }
        return lines;
    }

    private static String language(Results run, Sweep sweep) {
        String language = sweep.language().isEmpty()
                ? run.runtime(sweep.runtime()).map(Results.RuntimeInfo::language).orElse("") : sweep.language();
        return language.isEmpty() ? "other" : language;
    }

    static String languageName(String language) {
        return switch (language) {
            case "java" -> "Java";
            case "python" -> "Python";
            case "js", "javascript" -> "JavaScript";
            default -> language;
        };
    }

    private List<Block> blocks() {
        List<Line> lines = lines();
        if (lines.isEmpty()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Heading("How cost grows with concurrent tasks", ANCHOR));
        Sweep first = lines.getFirst().sweep();
        blocks.add(new Paragraph("The concurrency sweep: each task of the " + first.workload() + " workload holds one"
                + " wait of " + Format.number(first.waitMs()) + " ms, a sleep (solid lines) or a request to the run's"
                + " echo server (tcp, dashed), at " + tasks(10) + " to " + tasks(10_000) + " concurrent tasks, as far"
                + " as each model went on this machine. Per language, two charts with both axes on a log scale: the"
                + " memory each task added (the process tree's PSS while all tasks were held, less the same before,"
                + " over the tasks) and the tasks' wall time (starting them all, then their waits). The legend gives"
                + " the cost per task fitted over every sample (cost = a + b·N, b per task); ✕ marks the last number"
                + " measured of a line that stopped, and why. The table gives each fit with its 95% interval."));
        Map<String, List<Line>> byLanguage = new LinkedHashMap<>();
        lines.forEach(line -> byLanguage.computeIfAbsent(line.language(), k -> new ArrayList<>()).add(line));
        byLanguage.forEach((language, group) -> {
            for (Figure figure : List.of(MEMORY, WALL)) {
                blocks.add(chart(language, group, figure));
                List<String> leftOut = leftOut(group, figure);
                if (!leftOut.isEmpty()) {
                    blocks.add(new Paragraph("Not drawn on the log axis, " + figure.title() + " at or below 0"
                            + (figure == MEMORY ? " (the tasks' memory within the noise of a PSS reading)" : "")
                            + ": " + String.join("; ", leftOut)
                            + ". The numbers under the chart have them."));
                }
            }
            List<String> undrawn = group.stream().filter(l -> l.sweep().points().isEmpty())
                    .map(l -> l.name() + " (" + stopText(l.sweep()) + ")").toList();
            if (!undrawn.isEmpty()) {
                blocks.add(new Paragraph("Not in " + languageName(language) + "'s charts, nothing measured: "
                        + String.join("; ", undrawn) + "."));
            }
        });
        List<String> footnotes = new ArrayList<>();
        blocks.add(table(lines, footnotes));
        if (!footnotes.isEmpty()) {
            blocks.add(new Paragraph("Why each line stopped:"));
            blocks.add(new BulletList(footnotes));
        }
        return blocks;
    }

    // ---- charts ----

    private Chart chart(String language, List<Line> group, Figure figure) {
        String title = languageName(language) + ": " + figure.title() + " by concurrent tasks";
        SvgChart chart = SvgChart.lines(title, "concurrent tasks (N), log scale", figure.axis() + ", log scale")
                .logScale(true).logX(true).size(480, 1);
        chart.colourOrder(group.stream().map(Line::colourKey).distinct().toList());
        if (figure == WALL) {
            double limit = SweepFigures.OVERLAP_WAITS * group.getFirst().sweep().waitMs() / 1000;
            int xMax = group.stream().flatMap(l -> l.sweep().points().stream()).mapToInt(SweepPoint::tasks).max()
                    .orElse(10);
            int xMin = group.stream().flatMap(l -> l.sweep().points().stream()).mapToInt(SweepPoint::tasks).min()
                    .orElse(10);
            chart.reference(xMin, limit, xMax, limit, Format.exact(SweepFigures.OVERLAP_WAITS) + " waits ("
                    + Format.number(limit) + " s)");
        }
        Set<Integer> numbers = new TreeSet<>();
        group.forEach(l -> {
            l.sweep().points().forEach(p -> numbers.add(p.tasks()));
            if (l.sweep().stop() != null) {
                numbers.add(l.sweep().stop().tasks());
            }
        });
        List<List<Cell>> rows = new ArrayList<>();
        for (Line line : group) {
            if (line.sweep().points().isEmpty()) {
                continue;
            }
            List<SvgChart.Point> points = new ArrayList<>();
            for (SweepPoint point : line.sweep().points()) {
                double value = figure.perPoint().applyAsDouble(point);
                points.add(new SvgChart.Point(point.tasks(), value, Double.NaN, Double.NaN));
            }
            chart.series(line.name() + ", " + fitText(line.sweep(), figure), line.colourKey(), line.dashed(), points);
            Results.SweepStop stop = line.sweep().stop();
            if (stop != null) {
                // The cross sits on the last point the chart can draw.
                for (SvgChart.Point p : points.reversed()) {
                    if (Double.isFinite(p.y()) && p.y() > 0) {
                        chart.mark(line.colourKey(), p.x(), p.y(), stop.kind() + " at " + tasks(stop.tasks()),
                                line.name() + " stopped: " + stopText(line.sweep()));
                        break;
                    }
                }
            }
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(Part.of(Kind.NAME, line.name())));
            for (int n : numbers) {
                Optional<SweepPoint> point = line.sweep().points().stream().filter(p -> p.tasks() == n).findFirst();
                if (point.isPresent()) {
                    row.add(Cell.text(Format.number(figure.perPoint().applyAsDouble(point.get()))));
                } else if (stop != null && stop.tasks() == n) {
                    row.add(new Cell(List.of(new ReportModel.Entry(List.of(new Part(Kind.NOTE, "✕ " + stop.kind(),
                            null, stop.reason()))))));
                } else {
                    row.add(Cell.of(Part.of(Kind.NOTE, "—")));
                }
            }
            row.add(Cell.text(fitText(line.sweep(), figure)));
            rows.add(row);
        }
        List<Cell> headers = new ArrayList<>();
        headers.add(Cell.text("Runtime · model · wait"));
        numbers.forEach(n -> headers.add(Cell.text("N = " + tasks(n) + " (" + figure.unit() + ")")));
        headers.add(Cell.text("Fit (legend)"));
        return new Chart(chart, new Table("sweep-" + figure.id() + "-" + language, headers, rows));
    }

    /** "22.2 KiB/task", "0.055 ms/task to start"; "no fit" where the file has none (one number of tasks). */
    static String fitText(Sweep sweep, Figure figure) {
        Optional<Fit> fit = sweep.fit(figure.fitMetric());
        if (fit.isEmpty() || !Double.isFinite(fit.get().slope())) {
            return "no fit: one N";
        }
        return Format.number(fit.get().slope()) + " " + figure.fitText();
    }

    private static List<String> leftOut(List<Line> group, Figure figure) {
        List<String> leftOut = new ArrayList<>();
        for (Line line : group) {
            for (SweepPoint point : line.sweep().points()) {
                double value = figure.perPoint().applyAsDouble(point);
                if (!(value > 0)) {
                    leftOut.add(line.name() + " at " + tasks(point.tasks()) + " (" + Format.number(value) + " "
                            + figure.unit() + ")");
                }
            }
        }
        return leftOut;
    }

    // ---- the table ----

    private Table table(List<Line> lines, List<String> footnotes) {
        List<Cell> headers = new ArrayList<>();
        if (!single()) {
            headers.add(Cell.text("Run"));
        }
        headers.addAll(List.of(Cell.text("Runtime"), Cell.text("Model"), Cell.text("Wait"),
                Cell.text("Largest N measured"), Cell.text("Memory per task (KiB, 95% CI)"),
                Cell.text("Start-up per task (ms, 95% CI)"), Cell.text("CPU per task (ms, 95% CI)"),
                Cell.text("Waits overlap up to N"), Cell.text("All done within 2 waits up to N"),
                Cell.text("Stopped")));
        List<List<Cell>> rows = new ArrayList<>();
        for (Line line : lines) {
            Sweep sweep = line.sweep();
            List<Cell> row = new ArrayList<>();
            if (!single()) {
                row.add(Cell.of(Part.of(Kind.RUN, line.run().label())));
            }
            row.add(Cell.of(Part.of(Kind.NAME, CompareRuns.columnKey(line.run(), sweep.runtime()))));
            row.add(Cell.of(Part.of(Kind.NAME, sweep.model())));
            row.add(Cell.text(sweep.waitKind()));
            row.add(line.last().map(p -> Cell.text(tasks(p.tasks()))).orElse(Cell.of(Part.of(Kind.NOTE, "—"))));
            row.add(slope(sweep, SweepFigures.MEMORY));
            row.add(slope(sweep, SweepFigures.STARTUP));
            row.add(slope(sweep, SweepFigures.CPU));
            row.add(upTo(sweep.waitsOverlapTasks()));
            row.add(upTo(sweep.wallOverlapTasks()));
            Results.SweepStop stop = sweep.stop();
            if (stop == null) {
                row.add(Cell.of(Part.of(Kind.NOTE, "not stopped")));
            } else {
                footnotes.add("[" + (footnotes.size() + 1) + "] " + (single() ? "" : line.run().label() + " · ")
                        + CompareRuns.columnKey(line.run(), sweep.runtime())
                        + " · " + sweep.model() + " · " + sweep.waitKind() + ": " + stopText(sweep));
                row.add(Cell.of(new Part(Kind.TEXT, stop.kind() + " at " + tasks(stop.tasks()) + " ["
                        + footnotes.size() + "]", null, stop.reason())));
            }
            rows.add(row);
        }
        return new Table(TABLE, headers, rows);
    }

    /** "22.2 (22.1–22.3)": a fit's slope with its interval; "–" where the file has no slope. */
    static String slopeText(Sweep sweep, String metric) {
        Optional<Fit> fit = sweep.fit(metric);
        if (fit.isEmpty() || !Double.isFinite(fit.get().slope())) {
            return "–";
        }
        Fit f = fit.get();
        String text = Format.number(f.slope());
        if (Double.isFinite(f.slopeLow()) && Double.isFinite(f.slopeHigh())) {
            text += " (" + Format.number(f.slopeLow()) + "–" + Format.number(f.slopeHigh()) + ")";
        }
        return text;
    }

    /** The slope, its interval under it, smaller; the whole law on hover. */
    private static Cell slope(Sweep sweep, String metric) {
        String text = slopeText(sweep, metric);
        Optional<Fit> fit = sweep.fit(metric);
        String detail = fit.filter(f -> Double.isFinite(f.slope())).map(f -> metric + " = "
                + Format.number(f.intercept()) + " + " + Format.number(f.slope()) + "·N over " + f.samples()
                + " samples, r² " + Format.number(f.rSquared())).orElse("no fit: fewer than two numbers of tasks");
        int interval = text.indexOf(" (");
        if (interval < 0) {
            return Cell.of(new Part(Kind.NUMBER, text, null, detail));
        }
        return Cell.of(new Part(Kind.NUMBER, text.substring(0, interval), null, detail),
                Part.of(Kind.MINOR, text.substring(interval + 1)));
    }

    private static Cell upTo(Integer tasks) {
        return tasks == null ? Cell.of(Part.of(Kind.NOTE, "none")) : Cell.text(tasks(tasks));
    }

    /** "time budget at 100: 10 tasks took 1.7 s a sample; …". */
    static String stopText(Sweep sweep) {
        Results.SweepStop stop = sweep.stop();
        if (stop == null) {
            return "not stopped";
        }
        String reason = reason(stop);
        return stop.kind() + " at " + tasks(stop.tasks()) + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** The stop's reason without its kind, which a limit the workload named repeats ("file descriptors: EMFILE …"). */
    static String reason(Results.SweepStop stop) {
        return stop.reason().startsWith(stop.kind() + ":")
                ? stop.reason().substring(stop.kind().length() + 1).strip() : stop.reason();
    }

    /** A number of tasks as the sweep writes it: 10,000. */
    static String tasks(int tasks) {
        return String.format(Locale.ROOT, "%,d", tasks);
    }
}
