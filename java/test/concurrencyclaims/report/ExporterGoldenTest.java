package concurrencyclaims.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ExporterGoldenTest {

    @Test
    void markdownOfOneRun() throws Exception {
        Fixtures.assertGolden("run-a.report.md", MarkdownReport.render(ReportBuilder.build(List.of(Fixtures.runA()))));
    }

    @Test
    void markdownOfARunWithSeveralPythonInterpreters() throws Exception {
        Fixtures.assertGolden("run-c.report.md", MarkdownReport.render(ReportBuilder.build(
                List.of(ResultsReader.read(Fixtures.file("run-c.json"))))));
    }

    @Test
    void csvOfOneRun() throws Exception {
        Fixtures.assertGolden("run-a.results.csv", CsvReport.render(List.of(Fixtures.runA())));
    }

    @Test
    void markdownOfComparison() throws Exception {
        Fixtures.assertGolden("compare.report.md",
                MarkdownReport.render(ReportBuilder.build(List.of(Fixtures.runA(), Fixtures.runB()))));
    }

    @Test
    void markdownOfMerge() throws Exception {
        Fixtures.assertGolden("merge.report.md", MarkdownReport.render(
                ReportBuilder.build(List.of(Fixtures.runA(), Fixtures.runB(), Fixtures.runA()))));
    }

    @Test
    void consoleEndsWithMatrixAndPage() throws Exception {
        String console = ConsoleReport.render(Fixtures.runA(), Path.of("reports/x/index.html"));
        Fixtures.assertGolden("run-a.console.txt", console.replace(Path.of("").toAbsolutePath().toString(), "<cwd>"));
        assertTrue(console.strip().endsWith("index.html"), console);
    }

    @Test
    void htmlIsSelfContained() throws Exception {
        String html = HtmlReport.render(ReportBuilder.build(List.of(Fixtures.runA())));
        assertTrue(html.contains("<table id=\"matrix\""));
        assertTrue(html.contains("<svg class=\"chart\""));
        // No script, stylesheet or image from elsewhere: the page must open from disk without a network.
        assertTrue(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http"), "external resource");
    }
}
