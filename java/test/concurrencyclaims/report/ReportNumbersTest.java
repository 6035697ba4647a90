package concurrencyclaims.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Chart;
import concurrencyclaims.report.ReportModel.Entry;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Part.Kind;
import concurrencyclaims.report.ReportModel.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report says one number one way: the headline, the claims matrix and the interpreter table agree. */
class ReportNumbersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run-a.json", "run-c.json"})
    void headlineShowsTheClaimsTablesFigures(String fixture) throws Exception {
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(Fixtures.file(fixture))));
        Chart headline = chart(model, "headline-numbers");
        Table matrix = table(model, "matrix");
        String svg = headline.chart().svg();
        assertFalse(headline.data().rows().isEmpty());
        for (List<Cell> row : headline.data().rows()) {
            String claim = text(row.get(0));
            String runtime = text(row.get(1));
            String model_ = text(row.get(2)).replaceFirst(" ×\\d+$", "");
            List<Part> judged = verdictEntry(matrix, claim, runtime, model_);
            assertEquals(text(row.get(3)), judged.getFirst().text(), claim + " on " + runtime + ": the same verdict");
            String figure = text(row.get(4));
            assertEquals(figure, part(judged, Kind.NUMBER).orElseThrow().text(),
                    claim + " on " + runtime + ": the chart's figure is the table's");
            assertTrue(svg.contains(">" + Format.xml(figure) + "</text>"), figure + " drawn in " + svg);
            String wall = text(row.get(5));
            if (wall.equals("—")) {
                assertTrue(figure.startsWith("speedup "), "only a verdict decided on the speed-up itself has no mark: " + figure);
                continue;
            }
            assertTrue(wall.startsWith("wall-time speed-up "), wall);
            assertTrue(part(judged, Kind.MINOR).orElseThrow().text().contains(wall),
                    claim + " on " + runtime + ": the wall-time speed-up beside it in the table is " + wall);
            assertTrue(svg.contains(">" + Format.xml(wall) + "</text>"), wall + " drawn in " + svg);
        }
    }

    @Test
    void aRunsInParallelCellLeadsWithWhatWasJudged() throws Exception {
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(Fixtures.file("run-c.json"))));
        List<Part> cell = verdictEntry(table(model, "matrix"), "java-child-processes-parallel", "java", "child-processes");
        assertEquals(List.of(Kind.OUTCOME, Kind.NUMBER, Kind.MINOR, Kind.NOTE), cell.stream().map(Part::kind).toList());
        assertEquals("CONFIRMED", cell.get(0).text());
        assertEquals("work_parallelism 1.94× (97% CI 1.80–2.00), claim > 1.5", cell.get(1).text());
        assertEquals("work-span speed-up 1.21× (1.17–2.03) · wall-time speed-up 1.04× (0.98–1.10)"
                + " · control parallelism 1.90× (1.80–1.97)", cell.get(2).text());
        assertEquals("3 rounds", cell.get(3).text());
    }

    @Test
    void boundsReadOnTheClaimsSide() throws Exception {
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(Fixtures.file("run-c.json"))));
        Table matrix = table(model, "matrix");
        assertEquals("utilisation 1.00× (97% CI 0.99–1.02), claim < 1.5", part(verdictEntry(matrix,
                "cpython-threads-no-cpu-speedup", "cpython-3.11.7", "threading"), Kind.NUMBER).orElseThrow().text());
        assertEquals("wake_delay_ms/switch_interval_ms 1.04× (97% CI 1.02–1.08), claim in 0.5–2", part(verdictEntry(matrix,
                "a-spinning-thread-delays-a-waking-thread-by-a-switch-interval", "cpython-3.11.7", "threading"),
                Kind.NUMBER).orElseThrow().text());
        assertEquals("work_parallelism 1.21× (99.7% CI 1.10–1.32), claim > 1.5", part(verdictEntry(matrix,
                "cpython-free-threaded-threads-run-in-parallel", "cpython-3.13.5t", "thread-pool"), Kind.NUMBER)
                .orElseThrow().text());
    }

    @Test
    void factsKeepTheirKeyNumber() throws Exception {
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(Fixtures.file("run-c.json"))));
        List<Part> race = verdictEntry(table(model, "matrix"), "unsynchronised-updates-race", "cpython-3.11.7",
                "multiprocessing-fork");
        assertEquals("lost share 0.27 (0.2–0.31)", part(race, Kind.NUMBER).orElseThrow().text());
        assertTrue(part(race, Kind.MINOR).isEmpty(), race.toString());
    }

    @Test
    void interpreterTableHasEveryPythonWithItsTraitsAndTheMatrixFigures() throws Exception {
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(Fixtures.file("run-c.json"))));
        Table interpreters = table(model, "interpreter-matrix");
        List<String> heads = interpreters.headers().stream().skip(1).map(ReportNumbersTest::allText).toList();
        assertEquals(List.of("cpython-3.11.7 CPython 3.11.7 GIL on JIT no",
                "cpython-3.13.5t CPython 3.13.5 GIL off JIT unknown",
                "pypy absent no pypy3 found: apt-get install pypy3, then -Dpython=pypy"), heads);
        List<String> claims = interpreters.rows().stream().map(row -> text(row.getFirst())).toList();
        assertTrue(claims.contains("cpython-free-threaded-threads-run-in-parallel"), claims.toString());
        assertFalse(claims.contains("java-child-processes-parallel"), "a claim judged on Java only: " + claims);
        Table matrix = table(model, "matrix");
        for (String runtime : List.of("cpython-3.13.5t")) {
            for (String model_ : List.of("threading", "thread-pool")) {
                assertEquals(part(verdictEntry(matrix, "cpython-free-threaded-threads-run-in-parallel", runtime, model_),
                                Kind.NUMBER).orElseThrow().text(),
                        part(verdictEntry(interpreters, "cpython-free-threaded-threads-run-in-parallel", runtime, model_),
                                Kind.NUMBER).orElseThrow().text());
            }
        }
        // Both models are out of the GIL build's reach for one reason: one entry says it once.
        Cell gilBuild = cell(interpreters, "cpython-free-threaded-threads-run-in-parallel", "cpython-3.11.7");
        assertEquals(2, gilBuild.entries().size(), gilBuild.toString());
        assertEquals(List.of("threading", "thread-pool"), gilBuild.entries().getFirst().parts().stream().map(Part::text).toList());
        String markdown = MarkdownReport.render(model);
        String html = HtmlReport.render(model);
        assertTrue(markdown.contains("## Claims by Python interpreter"), markdown);
        assertTrue(html.contains("<table id=\"interpreter-matrix\">"), "in the page too");
    }

    @Test
    void noInterpreterTableWithoutPython() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode run = (ObjectNode) json.readTree(Fixtures.file("run-a.json").toFile());
        ArrayNode runtimes = (ArrayNode) run.path("environment").path("runtimes");
        ArrayNode verdicts = (ArrayNode) run.path("verdicts");
        for (ArrayNode list : List.of(runtimes, verdicts)) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).path("language").asText().equals("python")) {
                    list.remove(i);
                }
            }
        }
        Path file = dir.resolve("results.json");
        json.writeValue(file.toFile(), run);
        ReportModel model = ReportBuilder.build(List.of(ResultsReader.read(file)));
        assertTrue(tableOf(model, "interpreter-matrix").isEmpty());
        assertTrue(tableOf(ReportBuilder.build(List.of(Fixtures.runA())), "interpreter-matrix").isPresent(), "one CPython is enough");
    }

    @Test
    void boundsAndLevelsAreWrittenAsTheClaimGivesThem() {
        Results.Decision above = new Results.Decision("work_parallelism", List.of(1.5), "above", List.of(1.8, 2.0), 0.97, 3, "decided");
        Results.Decision below = new Results.Decision("utilisation", List.of(1.15), "below", List.of(0.9, 1.0), 0.9966666666666667, 6, "decided");
        Results.Decision within = new Results.Decision("r", List.of(0.5, 2.0), "within", List.of(), Double.NaN, 3, "decided");
        assertEquals("> 1.5", Format.bound(above));
        assertEquals("< 1.15", Format.bound(below));
        assertEquals("in 0.5–2", Format.bound(within));
        assertEquals("utilisation 0.95× (99.7% CI 0.9–1.00), claim < 1.15",
                Format.decided("utilisation", new Results.Estimate("utilisation", 0.95, 0.9, 1.0, "×", 0.95, Double.NaN, 6), below));
        assertEquals("r 1.00× (0.8–1.20), claim in 0.5–2",
                Format.decided("r", new Results.Estimate("r", 1.0, 0.8, 1.2, "×", 0.95, Double.NaN, 3), within));
    }

    // ---- finding things in the model ----

    private static Chart chart(ReportModel model, String dataId) {
        return model.blocks().stream().filter(b -> b instanceof Chart c && c.data().id().equals(dataId))
                .map(Chart.class::cast).findFirst().orElseThrow(() -> new AssertionError("no chart " + dataId));
    }

    private static Optional<Table> tableOf(ReportModel model, String id) {
        return model.blocks().stream().filter(b -> b instanceof Table t && t.id().equals(id)).map(Table.class::cast).findFirst();
    }

    private static Table table(ReportModel model, String id) {
        return tableOf(model, id).orElseThrow(() -> new AssertionError("no table " + id));
    }

    /** The cell of {@code claim} (a row whose head names it) under the column whose head names {@code runtime}. */
    private static Cell cell(Table table, String claim, String runtime) {
        int column = -1;
        for (int i = 0; i < table.headers().size(); i++) {
            if (names(table.headers().get(i)).findFirst().filter(runtime::equals).isPresent()) {
                column = i;
            }
        }
        assertTrue(column > 0, "no column " + runtime + " in " + table.id());
        for (List<Cell> row : table.rows()) {
            if (names(row.getFirst()).anyMatch(claim::equals)) {
                return row.get(column);
            }
        }
        throw new AssertionError("no row " + claim + " in " + table.id());
    }

    /** The parts of the entry after the one naming {@code model}: its verdict and numbers. */
    private static List<Part> verdictEntry(Table table, String claim, String runtime, String model) {
        List<Entry> entries = cell(table, claim, runtime).entries();
        for (int i = 0; i + 1 < entries.size(); i++) {
            if (entries.get(i).parts().stream().anyMatch(p -> p.kind() == Kind.NAME && p.text().equals(model))) {
                return entries.get(i + 1).parts();
            }
        }
        throw new AssertionError("no model " + model + " in " + claim + " on " + runtime + ": " + entries);
    }

    private static Optional<Part> part(List<Part> parts, Kind kind) {
        return parts.stream().filter(p -> p.kind() == kind).findFirst();
    }

    private static Stream<String> names(Cell cell) {
        return cell.entries().stream().flatMap(e -> e.parts().stream()).filter(p -> p.kind() == Kind.NAME).map(Part::text);
    }

    private static String text(Cell cell) {
        return cell.entries().getFirst().parts().getFirst().text();
    }

    private static String allText(Cell cell) {
        return String.join(" ", cell.entries().stream().flatMap(e -> e.parts().stream()).map(Part::text).toList());
    }
}
