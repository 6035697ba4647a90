package concurrencyclaims.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concurrencyclaims.report.ReportModel.Block;
import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Chart;
import concurrencyclaims.report.ReportModel.Heading;
import concurrencyclaims.report.ReportModel.Paragraph;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Table;
import concurrencyclaims.report.Results.Fit;
import concurrencyclaims.report.Results.Measurement;
import concurrencyclaims.report.Results.Sweep;
import concurrencyclaims.report.Results.SweepPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The section of the concurrency sweeps says what run-a's sweeps hold: the charts' numbers are the medians of the
 * samples per task, the table's fits are the file's, the stops are where and why the file says; a file without sweeps
 * has no such section.
 */
class SweepReportTest {
    @TempDir
    Path dir;

    @Test
    void theFixturesFitsAreTheHarnesssArithmetic() throws Exception {
        // What the harness writes is SweepFigures.summarise of its samples: the fixture must be such a file.
        for (Sweep sweep : Fixtures.runA().sweeps()) {
            Sweep summarised = SweepFigures.summarise(sweep);
            assertEquals(summarised.waitsOverlapTasks(), sweep.waitsOverlapTasks(), label(sweep));
            assertEquals(summarised.wallOverlapTasks(), sweep.wallOverlapTasks(), label(sweep));
            for (Fit expected : summarised.fits()) {
                Fit fit = sweep.fit(expected.metric()).orElseThrow();
                assertEquals(expected.samples(), fit.samples(), label(sweep) + " " + expected.metric());
                for (double[] pair : List.of(new double[] {expected.slope(), fit.slope()},
                        new double[] {expected.slopeLow(), fit.slopeLow()},
                        new double[] {expected.slopeHigh(), fit.slopeHigh()})) {
                    if (Double.isNaN(pair[0])) {
                        assertTrue(Double.isNaN(pair[1]), label(sweep) + " " + expected.metric());
                    } else {
                        assertEquals(pair[0], pair[1], 1e-9 * Math.max(1, Math.abs(pair[0])),
                                label(sweep) + " " + expected.metric());
                    }
                }
            }
        }
    }

    @Test
    void sectionHasAChartPairPerLanguageAndATableRowPerLine() throws Exception {
        Results run = Fixtures.runA();
        ReportModel model = ReportBuilder.build(List.of(run));
        List<Block> blocks = model.blocks();
        int heading = indexOf(blocks, "sweeps");
        assertTrue(heading >= 0, "the section's heading");
        assertEquals("How cost grows with concurrent tasks", ((Heading) blocks.get(heading)).text());
        List<String> charts = blocks.stream().filter(b -> b instanceof Chart).map(b -> ((Chart) b).data().id())
                .filter(id -> id.startsWith("sweep-")).toList();
        assertEquals(List.of("sweep-memory-java", "sweep-wall-java", "sweep-memory-python", "sweep-wall-python",
                "sweep-memory-js", "sweep-wall-js"), charts);
        Table table = table(model, SweepReport.TABLE);
        assertEquals(run.sweeps().size(), table.rows().size(), "one row per sweep line");
        assertEquals(16, table.rows().size());
        for (int i = 0; i < run.sweeps().size(); i++) {
            Sweep sweep = run.sweeps().get(i);
            List<String> row = table.rows().get(i).stream().map(SweepReportTest::text).toList();
            assertEquals(List.of(sweep.runtime().startsWith("cpython") ? "cpython" : sweep.runtime(), sweep.model(),
                    sweep.waitKind()), row.subList(0, 3), "runtime, model, wait");
            assertEquals(String.format(Locale.ROOT, "%,d", sweep.points().getLast().tasks()), row.get(3));
            assertEquals(slope(sweep, "pss_kib"), row.get(4), label(sweep) + ": memory per task");
            assertEquals(slope(sweep, "startup_ms"), row.get(5), label(sweep) + ": start-up per task");
            assertEquals(slope(sweep, "cpu_ms"), row.get(6), label(sweep) + ": CPU per task");
            assertEquals(upTo(sweep.waitsOverlapTasks()), row.get(7));
            assertEquals(upTo(sweep.wallOverlapTasks()), row.get(8));
            if (sweep.stop() == null) {
                assertEquals("not stopped", row.get(9));
            } else {
                assertTrue(row.get(9).startsWith(sweep.stop().kind() + " at "
                        + String.format(Locale.ROOT, "%,d", sweep.stop().tasks()) + " ["), row.get(9));
                assertEquals(sweep.stop().reason(), table.rows().get(i).get(9).entries().getFirst().parts()
                        .getFirst().detail(), "the whole reason on hover");
            }
        }
        // The stops as the brief of the fixture has them.
        Map<String, String> stops = run.sweeps().stream().filter(s -> s.stop() != null && s.waitKind().equals("sleep"))
                .collect(Collectors.toMap(Sweep::model, s -> s.stop().kind() + " at " + s.stop().tasks()));
        assertEquals(Map.of("child-processes", "time budget at 100", "multiprocessing-fork", "time budget at 10000",
                "worker-threads", "file descriptors at 1000"), stops);
        String footnotes = blocks.stream().filter(b -> b instanceof ReportModel.BulletList).map(b ->
                String.join("\n", ((ReportModel.BulletList) b).items())).collect(Collectors.joining("\n"));
        assertTrue(footnotes.contains("[5] node · worker-threads · sleep: file descriptors at 1,000: Error: EMFILE"),
                footnotes);
    }

    @Test
    void chartsDrawTheMediansPerTaskWithTheFitInTheLegendAndTheStops() throws Exception {
        Results run = Fixtures.runA();
        ReportModel model = ReportBuilder.build(List.of(run));
        Chart memory = chart(model, "sweep-memory-java");
        Chart wall = chart(model, "sweep-wall-java");
        assertTrue(memory.chart().isLog() && memory.chart().isLogX(), "log–log");
        List<Sweep> java = run.sweeps().stream().filter(s -> s.language().equals("java")).toList();
        assertEquals(java.size(), memory.data().rows().size());
        for (int i = 0; i < java.size(); i++) {
            Sweep sweep = java.get(i);
            List<String> memoryRow = memory.data().rows().get(i).stream().map(SweepReportTest::text).toList();
            List<String> wallRow = wall.data().rows().get(i).stream().map(SweepReportTest::text).toList();
            assertEquals(sweep.model() + " · " + sweep.waitKind(), memoryRow.getFirst());
            for (int p = 0; p < sweep.points().size(); p++) {
                SweepPoint point = sweep.points().get(p);
                double kib = median(point.samples().stream().mapToDouble(m -> detail(m, "pss_kib_during")
                        - detail(m, "pss_kib_before")).toArray()) / point.tasks();
                double seconds = median(point.samples().stream().mapToDouble(m -> detail(m, "startup_s")
                        + detail(m, "waits_s")).toArray());
                assertEquals(Format.number(kib), memoryRow.get(1 + p), label(sweep) + " at " + point.tasks());
                assertEquals(Format.number(seconds), wallRow.get(1 + p), label(sweep) + " at " + point.tasks());
            }
            if (sweep.stop() != null) {
                assertEquals("✕ " + sweep.stop().kind(), memoryRow.get(1 + sweep.points().size()));
            }
        }
        String svg = memory.chart().svg();
        Fit platform = java.getFirst().fit("pss_kib").orElseThrow();
        assertTrue(svg.contains(">platform-threads · sleep, " + Format.number(platform.slope()) + " KiB/task</text>"),
                "the fitted slope in the legend: " + svg);
        assertTrue(wall.chart().svg().contains(">platform-threads · sleep, "
                + Format.number(java.getFirst().fit("startup_ms").orElseThrow().slope()) + " ms/task to start</text>"));
        // The sleep and tcp lines of child-processes stopped alike: two crosses, one label.
        assertEquals(2, count(svg, "class=\"stop\""), svg);
        assertEquals(1, count(svg, ">time budget at 100<title>"), svg);
        assertTrue(chart(model, "sweep-memory-js").chart().svg().contains(">file descriptors at 1,000<title>"));
        assertTrue(chart(model, "sweep-memory-python").chart().svg().contains(">time budget at 10,000<title>"));
        // Two line charts per language: both axes in decades.
        for (String tick : List.of(">10</text>", ">100</text>", ">1000</text>", ">10k</text>")) {
            assertTrue(svg.contains(tick), tick + " in " + svg);
        }
    }

    @Test
    void aValueALogAxisCannotDrawIsLeftOutAndSaidSo() throws Exception {
        ReportModel model = ReportBuilder.build(List.of(Fixtures.runA()));
        Chart memory = chart(model, "sweep-memory-java");
        // virtual-threads · sleep at 10 tasks grew by less than nothing: within the noise of a PSS reading.
        assertTrue(text(memory.data().rows().get(2).get(1)).startsWith("-"), memory.data().rows().get(2).toString());
        String svg = memory.chart().svg();
        assertFalse(svg.contains("<title>virtual-threads · sleep, 1.14 KiB/task: -"), svg);
        assertEquals(3, count(svg.substring(svg.indexOf("data-name=\"virtual-threads · sleep")), "<circle") -
                count(svg.substring(svg.indexOf("data-name=\"virtual-threads · tcp")), "<circle"), "three of four drawn");
        List<String> notes = model.blocks().stream().filter(b -> b instanceof Paragraph).map(b -> ((Paragraph) b).text())
                .filter(t -> t.startsWith("Not drawn on the log axis")).toList();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.getFirst().contains("virtual-threads · sleep at 10 (-0.1"), notes.getFirst());
    }

    @Test
    void markdownHasTheTableAndEachChartAsItsNumbers() throws Exception {
        String md = MarkdownReport.render(ReportBuilder.build(List.of(Fixtures.runA())));
        assertTrue(md.contains("## How cost grows with concurrent tasks"), md);
        assertTrue(md.contains("### Python: memory per task by concurrent tasks (log scale in the HTML report)"), md);
        assertTrue(md.contains("| Runtime · model · wait | N = 10 (KiB) | N = 100 (KiB) | N = 1,000 (KiB) | N = 10,000 (KiB) |"
                + " Fit (legend) |"), md);
        assertTrue(md.contains("| `java` | `child-processes` | sleep | 10 | – | – | – | 10 | <sub>none</sub> |"
                + " time budget at 100 [1] |"), md);
        assertTrue(md.contains("- [1] java · child-processes · sleep: time budget at 100: 10 tasks took"), md);
    }

    @Test
    void csvHasEveryPointFitAndStop() throws Exception {
        Results run = Fixtures.runA();
        List<List<String>> rows = CsvReportTest.parse(CsvReport.render(List.of(run)));
        List<String> header = rows.getFirst();
        assertEquals(List.of("parameters", "notes"), header.subList(header.size() - 2, header.size()), "added at the end");
        List<List<String>> sweep = rows.stream().filter(r -> r.getFirst().equals("sweep")).toList();
        long points = run.sweeps().stream().mapToLong(s -> s.points().size()).sum();
        long fits = run.sweeps().stream().flatMap(s -> s.fits().stream()).filter(f -> !Double.isNaN(f.slope())).count();
        long stops = run.sweeps().stream().filter(s -> s.stop() != null).count();
        assertEquals(points * 5 + fits + stops, sweep.size());
        int metric = header.indexOf("metric");
        int value = header.indexOf("value");
        List<String> first = sweep.stream().filter(r -> r.get(3).equals("platform-threads") && r.get(4).equals("10000")
                && r.get(metric).equals("pss_kib_per_task")).findFirst().orElseThrow();
        SweepPoint point = run.sweeps().getFirst().points().getLast();
        assertEquals(SweepFigures.median(point, SweepFigures::pssGrowthKiB) / 10_000, Double.parseDouble(first.get(value)));
        assertEquals("KiB", first.get(header.indexOf("unit")));
        assertEquals("wait=sleep;wait_ms=100", first.get(header.indexOf("parameters")));
        assertEquals("java", first.get(header.indexOf("language")));
        List<String> fit = sweep.stream().filter(r -> r.get(3).equals("platform-threads")
                && r.get(metric).equals("fit_pss_kib_per_task")).findFirst().orElseThrow();
        Fit expected = run.sweeps().getFirst().fit("pss_kib").orElseThrow();
        assertEquals(expected.slope(), Double.parseDouble(fit.get(value)));
        assertEquals(expected.slopeLow(), Double.parseDouble(fit.get(header.indexOf("ci_low"))));
        assertEquals(expected.slopeHigh(), Double.parseDouble(fit.get(header.indexOf("ci_high"))));
        assertEquals("KiB/task", fit.get(header.indexOf("unit")));
        List<String> stop = sweep.stream().filter(r -> r.get(3).equals("worker-threads")
                && r.get(metric).equals("stopped_at")).findFirst().orElseThrow();
        assertEquals("1000", stop.get(value));
        assertTrue(stop.get(header.indexOf("notes")).startsWith("file descriptors: Error: EMFILE"),
                stop.toString());
        assertTrue(sweep.stream().map(r -> r.get(metric)).collect(Collectors.toSet()).containsAll(List.of(
                "pss_kib_per_task", "startup_ms_per_task", "cpu_ms_per_task", "waits_s", "wall_s",
                "fit_startup_ms_per_task", "fit_cpu_ms_per_task", "stopped_at")));
    }

    @Test
    void aRunWithoutSweepsHasNoSweepSection() throws Exception {
        for (Results run : List.of(Fixtures.runB(), ResultsReader.read(Fixtures.file("run-c.json")),
                ResultsReader.read(Fixtures.file("v1/run-a.json")))) {
            assertTrue(run.sweeps().isEmpty(), run.label());
            ReportModel model = ReportBuilder.build(List.of(run));
            assertEquals(-1, indexOf(model.blocks(), "sweeps"), run.label());
            assertFalse(MarkdownReport.render(model).contains("How cost grows"), run.label());
            String html = HtmlReport.render(model);
            assertFalse(html.contains("id=\"sweeps\"") || html.contains("concurrent tasks"), run.label());
            assertTrue(CsvReport.render(List.of(run)).lines().noneMatch(l -> l.startsWith("sweep,")), run.label());
        }
    }

    @Test
    void aLineWithNothingMeasuredIsInTheTableNotTheCharts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode file = (ObjectNode) json.readTree(Fixtures.file("run-a.json").toFile());
        ArrayNode sweeps = (ArrayNode) file.path("sweeps");
        ObjectNode absent = sweeps.get(0).deepCopy();
        absent.put("model", "contexts").put("runtime", "graaljs").put("language", "js");
        absent.putArray("points");
        absent.putObject("stop").put("tasks", 10).put("kind", "unavailable").put("reason", "no GraalJS here");
        absent.remove(List.of("fits", "waits_overlap_tasks", "wall_overlap_tasks"));
        sweeps.add(absent);
        Path path = dir.resolve("results.json");
        json.writeValue(path.toFile(), file);
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(path)));
        List<List<Cell>> rows = table(model, SweepReport.TABLE).rows();
        List<String> last = rows.getLast().stream().map(SweepReportTest::text).toList();
        assertEquals(List.of("graaljs", "contexts", "sleep", "—", "–", "–", "–", "none", "none", "unavailable at 10 [7]"),
                last);
        assertTrue(model.blocks().stream().anyMatch(b -> b instanceof Paragraph p
                && p.text().contains("graaljs · contexts · sleep (unavailable at 10: no GraalJS here)")));
        assertFalse(chart(model, "sweep-memory-js").chart().svg().contains("contexts"));
        HtmlReport.render(model);
        MarkdownReport.render(model);
    }

    private static String label(Sweep sweep) {
        return sweep.runtime() + " · " + sweep.model() + " · " + sweep.waitKind();
    }

    private static String slope(Sweep sweep, String metric) {
        Fit fit = sweep.fit(metric).orElseThrow();
        if (Double.isNaN(fit.slope())) {
            return "–";
        }
        return Format.number(fit.slope()) + " (" + Format.number(fit.slopeLow()) + "–" + Format.number(fit.slopeHigh())
                + ")";
    }

    private static String upTo(Integer tasks) {
        return tasks == null ? "none" : String.format(Locale.ROOT, "%,d", tasks);
    }

    private static double detail(Measurement m, String name) {
        return ((Number) m.details().get(name)).doubleValue();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static int indexOf(List<Block> blocks, String anchor) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Heading h && h.anchor().equals(anchor)) {
                return i;
            }
        }
        return -1;
    }

    private static Table table(ReportModel model, String id) {
        return model.blocks().stream().filter(b -> b instanceof Table t && t.id().equals(id)).map(b -> (Table) b)
                .findFirst().orElseThrow(() -> new AssertionError("no table " + id));
    }

    private static Chart chart(ReportModel model, String id) {
        return model.blocks().stream().filter(b -> b instanceof Chart c && c.data().id().equals(id)).map(b -> (Chart) b)
                .findFirst().orElseThrow(() -> new AssertionError("no chart " + id));
    }

    private static String text(Cell cell) {
        return cell.entries().stream().flatMap(e -> e.parts().stream()).map(Part::text).collect(Collectors.joining(" "));
    }
}
