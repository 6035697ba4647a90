package concurrencyclaims.report;

import concurrencyclaims.runtime.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens index.html in real headless Chromium, as a reader would: a probe script (added to a copy of the page, so the
 * product stays script-free) records every error and console.error, every resource fetched from the network, and the
 * rendered size of the matrix and each chart; --dump-dom hands that back. A screenshot is kept for a human to look at.
 */
class HtmlReportChromiumTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    private static final String PROBE = """
            <script>
            (function () {
              var errors = [];
              window.addEventListener('error', function (e) {
                errors.push(e.message || ('failed to load ' + (e.target && (e.target.src || e.target.href))));
              }, true);
              var original = console.error;
              console.error = function () { errors.push(Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
              window.addEventListener('load', function () {
                var matrix = document.getElementById('matrix');
                var box = matrix ? matrix.getBoundingClientRect() : {width: 0, height: 0};
                var charts = Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (svg) {
                  var r = svg.getBoundingClientRect(); return Math.round(r.width) + 'x' + Math.round(r.height);
                });
                var first = document.querySelector('svg.chart');
                var firstTitle = first ? first.getAttribute('aria-label') : '';
                var cut = Array.prototype.filter.call(document.querySelectorAll('svg.chart text'), function (t) {
                  var box = t.getBoundingClientRect(), chart = t.ownerSVGElement.getBoundingClientRect();
                  return box.left < chart.left - 0.5 || box.right > chart.right + 0.5;
                }).map(function (t) { return t.textContent; });
                var remote = performance.getEntriesByType('resource').map(function (e) { return e.name; })
                  .filter(function (n) { return !n.startsWith('file:') && !n.startsWith('data:'); });
                var out = document.createElement('pre');
                out.id = 'probe';
                out.textContent = 'errors=' + errors.length + ';' + errors.join(' | ') + '\\n'
                  + 'matrix=' + Math.round(box.width) + 'x' + Math.round(box.height) + ' rows=' + (matrix ? matrix.tBodies[0].rows.length : 0) + '\\n'
                  + 'charts=' + charts.join(',') + '\\n'
                  + 'first=' + firstTitle + '\\n'
                  + 'cut=' + cut.length + ';' + cut.join(' | ') + '\\n'
                  + 'remote=' + remote.length + '\\n'
                  + 'height=' + document.documentElement.scrollHeight + '\\n';
                document.body.appendChild(out);
              });
            })();
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void pageRendersWithoutErrorsWithMatrixAndCharts() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": install Debian's 'chromium' package (CI's .ci/run does) or pass -Dchromium=/path/to/chromium");
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.copy(Fixtures.file("run-a.json"), run.resolve(Reports.RESULTS));
        Path html = Reports.writeAll(run);
        Results results = ResultsReader.read(run.resolve(Reports.RESULTS));
        long claims = results.verdicts().stream().map(v -> v.claim().id()).distinct().count();

        Path probed = run.resolve("probed.html");
        Files.writeString(probed, Files.readString(html).replaceFirst("<head>", "<head>\n" + Matcher.quoteReplacement(PROBE)));
        String dom = chromium("dump-dom", List.of("--dump-dom", "--window-size=1400,1000", probed.toUri().toString()));
        String probe = between(dom, "<pre id=\"probe\">", "</pre>");
        assertTrue(probe.startsWith("errors=0;"), "console errors on the page: " + probe);
        assertTrue(probe.contains("remote=0"), "page fetched from the network: " + probe);

        Matcher matrix = Pattern.compile("matrix=(\\d+)x(\\d+) rows=(\\d+)").matcher(probe);
        assertTrue(matrix.find(), probe);
        assertEquals(claims, Long.parseLong(matrix.group(3)), "one matrix row per claim");
        assertTrue(Integer.parseInt(matrix.group(1)) > 600 && Integer.parseInt(matrix.group(2)) > 300, "matrix size " + probe);

        String charts = between(probe, "charts=", "\n");
        List<String> sizes = charts.isEmpty() ? List.of() : List.of(charts.split(","));
        assertEquals(6, sizes.size(), "headline, scaling, start-up (claimed side and cheaper side), memory and throughput"
                + " charts: " + probe);
        assertTrue(between(probe, "first=", "\n").startsWith("What each verdict on integer_hash was decided on"),
                "the headline chart comes first: " + probe);
        assertTrue(probe.contains("cut=0;"), "chart text cut off at the chart's edge: " + probe);
        for (String size : sizes) {
            String[] wh = size.split("x");
            assertTrue(Integer.parseInt(wh[0]) >= 400 && Integer.parseInt(wh[1]) >= 100, "chart too small: " + size);
        }

        // The whole page, for a person to look at (kept in target/ so it survives the test).
        int height = Math.min(8000, Integer.parseInt(between(probe, "height=", "\n")) + 20);
        Path screenshot = Path.of(System.getProperty("project.root", "."), "target", "report-e2e", "index.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        chromium("screenshot", List.of("--screenshot=" + screenshot, "--hide-scrollbars",
                "--window-size=1400," + height, html.toUri().toString()));
        assertTrue(Files.size(screenshot) > 50_000, "screenshot is empty: " + screenshot);
    }

    private String chromium(String what, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--virtual-time-budget=5000"));
        command.addAll(arguments);
        return ChildProcess.of("chromium " + what, command).timeout(Duration.ofSeconds(90)).run().stdout();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "missing '" + start + "' in: " + (text.length() > 2000 ? text.substring(0, 2000) : text));
        from += start.length();
        int to = text.indexOf(end, from);
        return text.substring(from, to < 0 ? text.length() : to);
    }
}
