package concurrencyclaims.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small inline-SVG charts: a line chart (x against y, either axis optionally log, points may carry a stop mark) and
 * a horizontal bar chart (optional log axis), both with 95% intervals drawn as error bars and dashed reference lines. No script, no external resource:
 * the SVG prints and opens from disk as it is.
 */
public final class SvgChart {
    /** Colour-blind-safe palette (Okabe–Ito without yellow, which vanishes on white). */
    private static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    /** Above this max/min ratio a bar axis switches to log scale on its own. */
    static final double AUTO_LOG_SPAN = 30;
    /** Average advance of a character of 12 px chart text, generous for DejaVu Sans so wrapped lines fit. */
    private static final double CHARACTER_WIDTH = 7.4;
    /** The same for the 11 px text of legends and of the lines under a row. */
    private static final double SMALL_CHARACTER_WIDTH = 6.8;

    public record Point(double x, double y, double low, double high) {
    }

    private record LineSeries(String name, String colourKey, boolean dashed, List<Point> points) {
    }

    private record Reference(double x1, double y1, double x2, double y2, String label) {
    }

    /** A cross on a line chart at a point where a line ends for a reason, labelled beside it; {@code title} on hover. */
    private record Mark(String colourKey, double x, double y, String label, String title) {
    }

    private record Bar(String label, String colourKey, double value, double low, double high, String text) {
    }

    private record Row(String label, String colourKey, double value, double low, double high, List<Double> bound,
                       double mark, List<String> lines) {
    }

    private final String title;
    private final boolean horizontalBars;
    private final List<Row> rows = new ArrayList<>();
    /** What the bar, its whisker, the bound tick and the hollow mark of a decisions chart stand for. */
    private List<String> decisionLegend = List.of();
    private String xLabel = "";
    private String yLabel = "";
    private Boolean log;
    private boolean logX;
    private int lineWidth = 720;
    private int legendColumns = 2;
    private final List<Mark> marks = new ArrayList<>();
    private final List<LineSeries> lines = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private final Map<String, String> colours = new LinkedHashMap<>();

    private SvgChart(String title, boolean horizontalBars) {
        this.title = title;
        this.horizontalBars = horizontalBars;
    }

    public static SvgChart lines(String title, String xLabel, String yLabel) {
        SvgChart chart = new SvgChart(title, false);
        chart.xLabel = xLabel;
        chart.yLabel = yLabel;
        return chart;
    }

    /** Horizontal bars, one per label; {@code valueLabel} names the value axis (with its unit). */
    public static SvgChart bars(String title, String valueLabel) {
        SvgChart chart = new SvgChart(title, true);
        chart.xLabel = valueLabel;
        return chart;
    }

    /**
     * Rows of what verdicts were decided on: each row its label above a bar (the statistic, coloured by verdict) with
     * its interval, the claim's bound as a dark tick and a second figure as a hollow diamond, and lines of text under
     * it; a legend says which is which, in {@code legend}'s words: the bar, its whisker, the tick, the diamond.
     */
    public static SvgChart decisions(String title, String valueLabel, List<String> legend) {
        if (legend.size() != 4) {
            throw new IllegalArgumentException("a decisions chart's legend names the bar, whisker, bound and mark");
        }
        SvgChart chart = new SvgChart(title, true);
        chart.xLabel = valueLabel;
        chart.decisionLegend = List.copyOf(legend);
        return chart;
    }

    /** A row of a decisions chart; {@code bound} is one value or a [low, high] pair, {@code mark} NaN for none. */
    public SvgChart row(String label, String colourKey, double value, double low, double high, List<Double> bound,
                        double mark, List<String> lines) {
        colour(colourKey);
        rows.add(new Row(label, colourKey, value, low, high, List.copyOf(bound), mark, List.copyOf(lines)));
        return this;
    }

    /** Log scale on the value axis; without a call, bars choose it when values span more than 30×. */
    public SvgChart logScale(boolean on) {
        this.log = on;
        return this;
    }

    /** Log scale on a line chart's x axis (ticks at whole decades); points at or below 0 are left out. */
    public SvgChart logX(boolean on) {
        this.logX = on;
        return this;
    }

    /**
     * A narrower line chart, {@code width} px wide, its legend in {@code legendColumns} columns: so that on a phone,
     * scaled to the page, its text stays near the size of the page's.
     */
    public SvgChart size(int width, int legendColumns) {
        this.lineWidth = width;
        this.legendColumns = Math.max(1, legendColumns);
        return this;
    }

    /**
     * A cross at ({@code x}, {@code y}) in the colour of {@code colourKey}, with a short {@code label} beside it
     * (moved clear of other marks' labels, kept inside the plot) and {@code title} on hover: where a line stopped.
     */
    public SvgChart mark(String colourKey, double x, double y, String label, String title) {
        colour(colourKey);
        marks.add(new Mark(colourKey, x, y, label, title));
        return this;
    }

    public boolean isLogX() {
        return logX;
    }

    /** A line with markers; points with a finite low/high get an error bar. Same colour key, same colour. */
    public SvgChart series(String name, String colourKey, boolean dashed, List<Point> points) {
        colour(colourKey);
        lines.add(new LineSeries(name, colourKey, dashed, List.copyOf(points)));
        return this;
    }

    /**
     * A dashed grey reference line in data coordinates, labelled at its end; on a bar chart only {@code x1} counts:
     * a marker across the bars at that value.
     */
    public SvgChart reference(double x1, double y1, double x2, double y2, String label) {
        references.add(new Reference(x1, y1, x2, y2, label));
        return this;
    }

    public SvgChart bar(String label, String colourKey, double value, double low, double high, String text) {
        colour(colourKey);
        bars.add(new Bar(label, colourKey, value, low, high, text));
        return this;
    }

    /** Gives {@code key} a colour of its own choosing (a verdict's), not the next one of the palette. */
    public SvgChart colour(String key, String hex) {
        colours.put(key, hex);
        return this;
    }

    /** Fixes colours up front, so the same runtime has the same colour in every chart of a report. */
    public SvgChart colourOrder(List<String> keys) {
        keys.forEach(this::colour);
        return this;
    }

    public String title() {
        return title;
    }

    public boolean isLog() {
        return log != null ? log : horizontalBars && autoLog();
    }

    private String colour(String key) {
        return colours.computeIfAbsent(key, k -> PALETTE[colours.size() % PALETTE.length]);
    }

    public String svg() {
        if (!decisionLegend.isEmpty()) {
            return decisionSvg();
        }
        return horizontalBars ? barSvg() : lineSvg();
    }

    // ---- line chart ----

    private String lineSvg() {
        int width = lineWidth;
        int left = 56;
        int right = width - 24;
        int top = 40;
        boolean logY = log != null && log;
        // What a log axis cannot draw (0, negative, NaN) is left out; the caller says so beside the chart.
        List<LineSeries> lines = this.lines.stream().map(s -> new LineSeries(s.name, s.colourKey, s.dashed,
                s.points.stream().filter(p -> drawable(p.x, logX) && drawable(p.y, logY)).toList())).toList();
        List<Mark> marks = this.marks.stream().filter(m -> drawable(m.x, logX) && drawable(m.y, logY)).toList();
        int legendRows = (lines.size() + legendColumns - 1) / legendColumns;
        int bottom = top + (width < 600 ? 240 : 280);
        int height = bottom + 52 + legendRows * 20;
        double xMax = 1;
        double xMin = Double.MAX_VALUE;
        double yMax = logY ? Double.MIN_VALUE : 1;
        double yMin = Double.MAX_VALUE;
        for (LineSeries s : lines) {
            for (Point p : s.points) {
                xMax = Math.max(xMax, p.x);
                xMin = Math.min(xMin, p.x);
                yMax = Math.max(yMax, Double.isNaN(p.high) ? p.y : Math.max(p.y, p.high));
                yMin = Math.min(yMin, Double.isNaN(p.low) || logY && p.low <= 0 ? p.y : Math.min(p.y, p.low));
            }
        }
        if (yMin == Double.MAX_VALUE) {
            yMin = 1;
            yMax = Math.max(yMax, 1);
        }
        for (Reference r : references) {
            xMax = Math.max(xMax, Math.max(r.x1, r.x2));
        }
        for (Reference r : references) {
            // A diagonal (the ideal line) is clipped to the x range; vertical markers span whatever y range results.
            if (r.x1 != r.x2) {
                yMax = Math.max(yMax, Math.max(r.y1, r.y2));
            }
        }
        if (logY) {
            for (Reference r : references) {
                if (r.x1 != r.x2) {
                    yMin = Math.min(yMin, Math.min(r.y1, r.y2));
                }
            }
        }
        // A log x axis keeps its end decades off the axes, so that a point there is not hidden by them.
        Scale x = logX ? new Scale(xMin == Double.MAX_VALUE ? 1 : xMin, xMax, left + 12, right - 12, true)
                : new Scale(xMax <= 1 ? 0.5 : 1, xMax <= 1 ? 1.5 : xMax, left, right, false);
        Scale y = logY ? new Scale(yMin, yMax, logX ? bottom - 8 : bottom, top, true)
                : new Scale(0, yMax * 1.08, bottom, top, false);
        StringBuilder svg = open(width, height);
        // Grid and y ticks.
        for (double tick : y.ticks()) {
            double py = y.map(tick);
            svg.append(line(left, py, right, py, "grid"));
            svg.append(text(left - 6, py + 4, "tick end", Format.compact(tick)));
        }
        if (logX) {
            for (double tick : x.ticks()) {
                double px = x.map(tick);
                svg.append(line(px, top, px, bottom, "grid")).append(line(px, bottom, px, bottom + 5, "axis"));
                svg.append(text(px, bottom + 18, "tick middle", Format.compact(tick)));
            }
        } else {
            for (double tick = 1; tick <= xMax; tick += Math.max(1, Math.ceil(xMax / 12))) {
                double px = x.map(tick);
                svg.append(line(px, bottom, px, bottom + 5, "axis"));
                svg.append(text(px, bottom + 18, "tick middle", Integer.toString((int) tick)));
            }
        }
        svg.append(line(left, bottom, right, bottom, "axis")).append(line(left, top, left, bottom, "axis"));
        svg.append(text((left + right) / 2.0, bottom + 36, "label middle", xLabel));
        svg.append(String.format(Locale.ROOT, "<text class=\"label middle\" transform=\"translate(14 %.1f) rotate(-90)\">%s</text>%n",
                (top + bottom) / 2.0, Format.xml(yLabel)));
        for (Reference r : references) {
            double y1 = r.x1 == r.x2 ? y.lo() : r.y1;
            double y2 = r.x1 == r.x2 ? y.hi() : Math.min(r.y2, y.hi());
            double x2 = r.x1 == r.x2 ? r.x2 : Math.min(r.x2, x.hi());
            svg.append(line(x.map(r.x1), y.map(y1), x.map(x2), y.map(y2), "reference"));
            // Labels sit inside the plot: a vertical marker's to its left at the top, a horizontal one's above its
            // start, a diagonal's under its end.
            svg.append(r.x1 == r.x2 ? text(x.map(x2) - 4, y.map(y2) + 12, "ref end", r.label)
                    : r.y1 == r.y2 ? text(x.map(r.x1) + 4, y.map(y2) - 5, "ref start", r.label)
                    : text(x.map(x2) - 6, y.map(y2) + 28, "ref end", r.label));
        }
        for (LineSeries s : lines) {
            String colour = colour(s.colourKey);
            StringBuilder path = new StringBuilder();
            for (Point p : s.points) {
                path.append(path.isEmpty() ? "" : " ").append(coordinate(x.map(p.x))).append(',').append(coordinate(y.map(p.y)));
            }
            svg.append(String.format(Locale.ROOT, "<g class=\"series\" data-name=\"%s\">%n", Format.xml(s.name)));
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    path, colour, s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
            for (Point p : s.points) {
                double px = x.map(p.x);
                if (!Double.isNaN(p.low) && !Double.isNaN(p.high)) {
                    svg.append(errorBar(px, y.map(p.low), px, y.map(p.high), colour, true));
                }
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"><title>%s: %s at %s</title></circle>%n",
                        coordinate(px), coordinate(y.map(p.y)), s.dashed ? "#fff" : colour, Format.xml(s.name),
                        Format.number(p.y) + interval(p), Format.number(p.x)));
            }
            svg.append("</g>\n");
        }
        svg.append(marks(marks, x, y, left, right, top, bottom));
        // Legend.
        for (int i = 0; i < lines.size(); i++) {
            LineSeries s = lines.get(i);
            double lx = left + (i % legendColumns) * ((right - left) / (double) legendColumns);
            double ly = bottom + 58 + (i / legendColumns) * 20;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    lx, ly, lx + 24, ly, colour(s.colourKey), s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(text(lx + 30, ly + 4, "legend", s.name));
        }
        return svg.append("</svg>\n").toString();
    }

    private static boolean drawable(double value, boolean log) {
        return Double.isFinite(value) && (!log || value > 0);
    }

    /**
     * The stop marks: a cross on the point, its label over it (under it, or further off, where another mark's label
     * is), always inside the plot.
     */
    private String marks(List<Mark> marks, Scale x, Scale y, double left, double right, double top, double bottom) {
        StringBuilder svg = new StringBuilder();
        List<double[]> placed = new ArrayList<>();
        java.util.Set<String> labelled = new java.util.HashSet<>();
        // A label shared by several crosses goes by the highest of them, so that it covers none.
        Map<String, Double> highest = new LinkedHashMap<>();
        for (Mark m : marks) {
            highest.merge(m.colourKey + "\n" + m.label, y.map(m.y), Math::min);
        }
        for (Mark m : marks) {
            double px = x.map(m.x);
            double py = y.map(m.y);
            String colour = colour(m.colourKey);
            double r = 5;
            svg.append(String.format(Locale.ROOT, "<g class=\"stop\" stroke=\"%s\" stroke-width=\"2.4\"><title>%s</title>"
                            + "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/><line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/></g>%n",
                    colour, Format.xml(m.title), coordinate(px - r), coordinate(py - r), coordinate(px + r),
                    coordinate(py + r), coordinate(px - r), coordinate(py + r), coordinate(px + r), coordinate(py - r)));
            // The same stop of the same model (its sleep and tcp lines, say) is labelled once.
            if (!labelled.add(m.colourKey + "\n" + m.label)) {
                continue;
            }
            py = highest.get(m.colourKey + "\n" + m.label);
            double textWidth = m.label.length() * SMALL_CHARACTER_WIDTH;
            // Centred over the point, where the line that ends there is not; inside the plot.
            double x0 = Math.min(right - 2 - textWidth, Math.max(left + 2, px - textWidth / 2));
            double[] box = null;
            for (int attempt = 0; attempt < 24; attempt++) {
                // Above the point, then below it, then further up and down.
                double candidate = attempt % 2 == 0 ? py - 9 - attempt / 2 * 13.0 : py + 17 + attempt / 2 * 13.0;
                if (candidate < top + 12 || candidate > bottom - 4) {
                    continue;
                }
                double[] tryBox = {x0, candidate - 10, x0 + textWidth, candidate + 2};
                if (placed.stream().noneMatch(p -> overlaps(p, tryBox))) {
                    box = tryBox;
                    break;
                }
            }
            if (box == null) {
                double baseline = Math.min(bottom - 4, Math.max(top + 12, py - 9));
                box = new double[] {x0, baseline - 10, x0 + textWidth, baseline + 2};
            }
            placed.add(box);
            svg.append(String.format(Locale.ROOT, "<text class=\"stop-label small\" x=\"%s\" y=\"%s\" style=\"fill: %s\">%s<title>%s</title></text>%n",
                    coordinate(box[0]), coordinate(box[3] - 2), colour, Format.xml(m.label), Format.xml(m.title)));
        }
        return svg.toString();
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    // ---- bar chart ----

    private boolean autoLog() {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Bar bar : bars) {
            if (bar.value > 0) {
                min = Math.min(min, bar.value);
                max = Math.max(max, bar.value);
            }
        }
        return max > 0 && max / min > AUTO_LOG_SPAN;
    }

    private String barSvg() {
        int width = 720;
        int labelWidth = 250;
        int left = labelWidth + 8;
        int right = width - 90;
        int top = 40 + (references.isEmpty() ? 0 : 14);
        // Long labels wrap onto more lines (a taller row), never cut.
        List<List<String>> labels = bars.stream().map(b -> wrap(b.label, LABEL_CHARACTERS)).toList();
        double[] rowTop = new double[bars.size() + 1];
        rowTop[0] = top;
        for (int i = 0; i < bars.size(); i++) {
            rowTop[i + 1] = rowTop[i] + Math.max(24, labels.get(i).size() * LINE_HEIGHT + 10);
        }
        double bottom = bars.isEmpty() ? top + 24 : rowTop[bars.size()];
        int height = (int) Math.ceil(bottom) + 46;
        boolean logScale = isLog();
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Bar bar : bars) {
            max = Math.max(max, Double.isNaN(bar.high) ? bar.value : Math.max(bar.value, bar.high));
            if (bar.value > 0) {
                min = Math.min(min, Double.isNaN(bar.low) || bar.low <= 0 ? bar.value : Math.min(bar.value, bar.low));
            }
        }
        for (Reference r : references) {
            max = Math.max(max, r.x1);
        }
        if (max <= 0) {
            max = 1;
            min = 1;
        }
        Scale x = logScale ? new Scale(min, max, left, right, true) : new Scale(0, max * 1.05, left, right, false);
        StringBuilder svg = open(width, height);
        for (double tick : x.ticks()) {
            double px = x.map(tick);
            svg.append(line(px, top, px, bottom, "grid"));
            svg.append(text(px, bottom + 16, "tick middle", Format.compact(tick)));
        }
        svg.append(line(left, bottom, right, bottom, "axis")).append(line(left, top, left, bottom, "axis"));
        svg.append(text((left + right) / 2.0, height - 12, "label middle", xLabel + (logScale ? " (log scale)" : "")));
        // Value markers (1×, the ideal): a dashed line across the bars, labelled above them.
        for (Reference r : references) {
            double px = x.map(r.x1);
            svg.append(line(px, top - 4, px, bottom, "reference"));
            svg.append(text(px, top - 8, "ref middle", r.label));
        }
        double baseline = x.map(x.lo());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double cy = (rowTop[i] + rowTop[i + 1]) / 2.0;
            String colour = colour(bar.colourKey);
            List<String> lines = labels.get(i);
            double firstLine = cy + 4 - (lines.size() - 1) * LINE_HEIGHT / 2.0;
            for (int l = 0; l < lines.size(); l++) {
                svg.append(text(labelWidth, firstLine + l * LINE_HEIGHT, "bar-label end", lines.get(l)));
            }
            double end = Double.isNaN(bar.value) || bar.value <= 0 && logScale ? baseline : x.map(bar.value);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                    coordinate(baseline), coordinate(cy - 8), coordinate(Math.max(1, end - baseline)), 16, colour,
                    Format.xml(bar.label), Format.xml(bar.text)));
            double textX = end;
            if (!Double.isNaN(bar.low) && !Double.isNaN(bar.high) && (!logScale || bar.low > 0)) {
                svg.append(errorBar(x.map(bar.low), cy, x.map(bar.high), cy, "#222", false));
                textX = Math.max(textX, x.map(bar.high));
            }
            svg.append(text(textX + 6, cy + 4, "value", bar.text));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Characters of a bar label that fit the label column (12 px text in 250 px); longer labels wrap. */
    static final int LABEL_CHARACTERS = (int) (250 / CHARACTER_WIDTH);
    private static final int LINE_HEIGHT = 14;

    /** {@code label} in lines of at most {@code width} characters, broken at spaces (a longer word is split). */
    static List<String> wrap(String label, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split(" ")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // A long id breaks after one of its hyphens where it can, so its parts stay words.
                int cut = word.lastIndexOf('-', width - 1) + 1;
                cut = cut > width / 3 ? cut : width;
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    // ---- decisions chart ----

    private String decisionSvg() {
        // Narrow, so that on a phone its text stays near the size of the page's.
        int width = 480;
        double left = 14;
        double right = width - 18;
        int labelCharacters = (int) ((right - left) / CHARACTER_WIDTH);
        int lineCharacters = (int) ((right - left) / SMALL_CHARACTER_WIDTH);
        StringBuilder body = new StringBuilder();
        // The legend under the title: a key of the symbols, then one swatch per verdict colour in use.
        double y = 46;
        List<String> keys = new ArrayList<>(new java.util.LinkedHashSet<>(rows.stream().map(Row::colourKey).toList()));
        double x = left;
        String[] symbols = {"bar", "whisker", "bound", "mark"};
        for (int i = 0; i < symbols.length + keys.size(); i++) {
            String text = i < symbols.length ? decisionLegend.get(i) : keys.get(i - symbols.length);
            double itemWidth = 26 + text.length() * SMALL_CHARACTER_WIDTH + 16;
            if (x > left && x + itemWidth > right) {
                x = left;
                y += 18;
            }
            double cy = y - 4;
            if (i < symbols.length) {
                body.append(switch (symbols[i]) {
                    case "bar" -> rect(x, cy - 6, 20, 12, "#8c959f");
                    case "whisker" -> errorBar(x + 1, cy, x + 19, cy, "#222", false);
                    case "bound" -> boundTick(x + 10, cy, 8);
                    default -> diamond(x + 10, cy, "");
                });
            } else {
                body.append(rect(x, cy - 6, 20, 12, colour(keys.get(i - symbols.length))));
            }
            body.append(text(x + 26, y, "legend small", text));
            x += itemWidth;
        }
        double top = y + 22 + (references.isEmpty() ? 0 : 16);
        double max = 0;
        for (Row row : rows) {
            max = Math.max(max, Double.isNaN(row.high) ? row.value : Math.max(row.value, row.high));
            max = Math.max(max, Double.isNaN(row.mark) ? 0 : row.mark);
            for (double b : row.bound) {
                max = Math.max(max, b);
            }
        }
        for (Reference r : references) {
            max = Math.max(max, r.x1);
        }
        Scale scale = new Scale(0, (max <= 0 ? 1 : max) * 1.05, left, right, false);
        // Rows: the label, the bar's band, the lines under it.
        List<double[]> bands = new ArrayList<>();
        StringBuilder marks = new StringBuilder();
        y = top;
        for (Row row : rows) {
            List<String> label = wrap(row.label, labelCharacters);
            for (String line : label) {
                y += 15;
                marks.append(text(left, y, "row-label", line));
            }
            double cy = y + 14;
            bands.add(new double[] {cy - 10, cy + 10});
            String colour = colour(row.colourKey);
            double base = scale.map(0);
            double end = Double.isNaN(row.value) ? base : scale.map(Math.max(0, row.value));
            marks.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"14\" fill=\"%s\"><title>%s</title></rect>%n",
                    coordinate(base), coordinate(cy - 7), coordinate(Math.max(1, end - base)), colour,
                    Format.xml(row.label + ": " + String.join("; ", row.lines))));
            if (!Double.isNaN(row.low) && !Double.isNaN(row.high)) {
                marks.append(errorBar(scale.map(row.low), cy, scale.map(row.high), cy, "#222", false));
            }
            for (double b : row.bound) {
                marks.append(boundTick(scale.map(b), cy, 11));
            }
            if (!Double.isNaN(row.mark)) {
                marks.append(diamond(scale.map(row.mark), cy, row.lines.size() > 1 ? row.lines.getLast() : ""));
            }
            y = cy + 10;
            for (String text : row.lines) {
                for (String line : wrap(text, lineCharacters)) {
                    y += 14;
                    marks.append(text(left, y, "row-text", line));
                }
            }
            y += 10;
        }
        double bottom = y;
        int height = (int) Math.ceil(bottom) + 44;
        StringBuilder svg = open(width, height);
        svg.append(body);
        // Grid and markers only across the bars' bands, so that no line runs through a label.
        for (double[] band : bands) {
            for (double tick : scale.ticks()) {
                svg.append(line(scale.map(tick), band[0], scale.map(tick), band[1], "grid"));
            }
            for (Reference r : references) {
                svg.append(line(scale.map(r.x1), band[0] - 2, scale.map(r.x1), band[1] + 2, "reference"));
            }
        }
        for (Reference r : references) {
            svg.append(text(scale.map(r.x1), top - 6, "ref middle", r.label));
        }
        svg.append(marks);
        svg.append(line(left, bottom, right, bottom, "axis"));
        for (double tick : scale.ticks()) {
            svg.append(line(scale.map(tick), bottom, scale.map(tick), bottom + 4, "axis"));
            svg.append(text(scale.map(tick), bottom + 16, "tick middle", Format.compact(tick)));
        }
        svg.append(text((left + right) / 2.0, height - 10, "label middle", xLabel));
        return svg.append("</svg>\n").toString();
    }

    private static String rect(double x, double y, double width, double height, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>%n",
                coordinate(x), coordinate(y), coordinate(width), coordinate(height), fill);
    }

    /** The claim's bound on a row: a dark tick across the bar. */
    private static String boundTick(double x, double cy, double half) {
        return String.format(Locale.ROOT, "<line class=\"bound\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#1b1f24\" stroke-width=\"2.5\"/>%n",
                coordinate(x), coordinate(cy - half), coordinate(x), coordinate(cy + half));
    }

    /** A hollow diamond: a second figure on a row, set apart from the bar. */
    private static String diamond(double x, double cy, String title) {
        double r = 5.5;
        return String.format(Locale.ROOT, "<polygon class=\"mark\" points=\"%s,%s %s,%s %s,%s %s,%s\" fill=\"#fff\" stroke=\"#1b1f24\" stroke-width=\"1.6\">%s</polygon>%n",
                coordinate(x), coordinate(cy - r), coordinate(x + r), coordinate(cy), coordinate(x), coordinate(cy + r),
                coordinate(x - r), coordinate(cy), title.isEmpty() ? "" : "<title>" + Format.xml(title) + "</title>");
    }

    // ---- shared ----

    private StringBuilder open(int width, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                width, height, width, height, Format.xml(title)));
        svg.append("<title>").append(Format.xml(title)).append("</title>\n");
        svg.append(text(8, 22, "chart-title", title));
        return svg;
    }

    private static String interval(Point p) {
        return Double.isNaN(p.low) || Double.isNaN(p.high) ? ""
                : " (95% CI " + Format.number(p.low) + "–" + Format.number(p.high) + ")";
    }

    private static String errorBar(double x1, double y1, double x2, double y2, String colour, boolean vertical) {
        String caps = vertical
                ? line(x1 - 4, y1, x1 + 4, y1, null) + line(x2 - 4, y2, x2 + 4, y2, null)
                : line(x1, y1 - 4, x1, y1 + 4, null) + line(x2, y2 - 4, x2, y2 + 4, null);
        return "<g class=\"error-bar\" stroke=\"" + colour + "\" stroke-width=\"1.3\">" + line(x1, y1, x2, y2, null)
                + caps.replace("\n", "") + "</g>\n";
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return String.format(Locale.ROOT, "<line%s x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>%n",
                cssClass == null ? "" : " class=\"" + cssClass + "\"", coordinate(x1), coordinate(y1), coordinate(x2),
                coordinate(y2));
    }

    private static String text(double x, double y, String cssClass, String content) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%s\" y=\"%s\">%s</text>%n", cssClass, coordinate(x),
                coordinate(y), Format.xml(content));
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Maps data values to pixels; a log scale spans whole decades so its ticks are 1, 10, 100… */
    private record Scale(double lo, double hi, double from, double to, boolean log) {
        Scale {
            if (log) {
                lo = Math.pow(10, Math.floor(Math.log10(lo)));
                hi = Math.pow(10, Math.ceil(Math.log10(hi)));
                if (hi <= lo) {
                    hi = lo * 10;
                }
            } else if (hi <= lo) {
                hi = lo + 1;
            }
        }

        double map(double value) {
            double t = log ? (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (value - lo) / (hi - lo);
            return from + t * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double tick = lo; tick <= hi * 1.0001; tick *= 10) {
                    ticks.add(tick);
                }
                return ticks;
            }
            double raw = (hi - lo) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude * (raw / magnitude >= 5 ? 5 : raw / magnitude >= 2 ? 2 : 1);
            for (double tick = Math.ceil(lo / step) * step; tick <= hi + 1e-9; tick += step) {
                ticks.add(Math.abs(tick) < 1e-12 ? 0 : tick);
            }
            return ticks;
        }
    }
}
