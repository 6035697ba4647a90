package concurrencyclaims.report;

import concurrencyclaims.runtime.ChildProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * product stays script-free) records every error and console.error, every resource fetched from the network, the
 * rendered size of the matrix and each chart, whether the page is wider than its window and which chart text lies
 * outside its chart. The copy is laid out in an iframe of the width under test (a headless window is never narrower
 * than 500 px) and the frame's page hands the probe's findings back through --dump-dom. Screenshots are kept for a
 * human to look at.
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
              // Where a text's box lies in its chart's own coordinates, rotation included.
              function outsideViewBox(svg, text) {
                var box = text.getBBox(), toChart = svg.getScreenCTM().inverse().multiply(text.getScreenCTM());
                var view = svg.viewBox.baseVal, xs = [], ys = [];
                [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height], [box.x + box.width, box.y + box.height]]
                  .forEach(function (corner) {
                    var p = svg.createSVGPoint(); p.x = corner[0]; p.y = corner[1]; p = p.matrixTransform(toChart);
                    xs.push(p.x); ys.push(p.y);
                  });
                return Math.min.apply(null, xs) < view.x - 0.5 || Math.min.apply(null, ys) < view.y - 0.5
                  || Math.max.apply(null, xs) > view.x + view.width + 0.5 || Math.max.apply(null, ys) > view.y + view.height + 0.5;
              }
              window.addEventListener('load', function () {
                var page = document.documentElement;
                var matrix = document.getElementById('matrix');
                var box = matrix ? matrix.getBoundingClientRect() : {width: 0, height: 0};
                var interpreters = document.getElementById('interpreter-matrix');
                var charts = Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (svg) {
                  var r = svg.getBoundingClientRect(); return Math.round(r.width) + 'x' + Math.round(r.height);
                });
                var first = document.querySelector('svg.chart');
                var firstTitle = first ? first.getAttribute('aria-label') : '';
                var cut = [];
                Array.prototype.forEach.call(document.querySelectorAll('svg.chart'), function (svg) {
                  Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) {
                    if (outsideViewBox(svg, t)) { cut.push(t.textContent); }
                  });
                });
                // What sticks out of the page, outside the tables' own scrolling boxes: the cause of a page that scrolls sideways.
                var wide = Array.prototype.filter.call(document.querySelectorAll('body *'), function (e) {
                  return e.getBoundingClientRect().right > page.clientWidth + 0.5 && !e.closest('.table-scroll');
                }).slice(0, 10).map(function (e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''); });
                var remote = performance.getEntriesByType('resource').map(function (e) { return e.name; })
                  .filter(function (n) { return !n.startsWith('file:') && !n.startsWith('data:'); });
                var out = document.createElement('pre');
                out.id = 'probe';
                out.textContent = 'errors=' + errors.length + ';' + errors.join(' | ') + '\\n'
                  + 'matrix=' + Math.round(box.width) + 'x' + Math.round(box.height) + ' rows=' + (matrix ? matrix.tBodies[0].rows.length : 0) + '\\n'
                  + 'interpreters=' + (interpreters ? interpreters.tBodies[0].rows.length : 0) + '\\n'
                  + 'charts=' + charts.join(',') + '\\n'
                  + 'first=' + firstTitle + '\\n'
                  + 'cut=' + cut.length + ';' + cut.join(' | ') + '\\n'
                  + 'viewport=' + page.clientWidth + ' scroll=' + page.scrollWidth + ' wide=' + wide.join(',') + '\\n'
                  + 'remote=' + remote.length + '\\n'
                  + 'height=' + page.scrollHeight + '\\n';
                document.body.appendChild(out);
              });
            })();
            </script>
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM
                + ": install Debian's 'chromium' package (CI's .ci/run does) or pass -Dchromium=/path/to/chromium");
    }

    @Test
    void pageRendersWithoutErrorsWithMatrixAndCharts() throws Exception {
        Path html = render("run-a.json");
        Results results = ResultsReader.read(html.resolveSibling(Reports.RESULTS));
        long claims = results.verdicts().stream().map(v -> v.claim().id()).distinct().count();
        String probe = probe(html, 1400);
        assertTrue(probe.startsWith("errors=0;"), "console errors on the page: " + probe);
        assertTrue(probe.contains("remote=0"), "page fetched from the network: " + probe);

        Matcher matrix = Pattern.compile("matrix=(\\d+)x(\\d+) rows=(\\d+)").matcher(probe);
        assertTrue(matrix.find(), probe);
        assertEquals(claims, Long.parseLong(matrix.group(3)), "one matrix row per claim");
        assertTrue(Integer.parseInt(matrix.group(1)) > 600 && Integer.parseInt(matrix.group(2)) > 300, "matrix size " + probe);

        String charts = between(probe, "charts=", "\n");
        List<String> sizes = charts.isEmpty() ? List.of() : List.of(charts.split(","));
        assertEquals(12, sizes.size(), "headline, scaling, start-up (claimed side and cheaper side), memory and throughput"
                + " charts, and the sweep's two per language: " + probe);
        assertTrue(between(probe, "first=", "\n").startsWith("What each verdict on integer_hash was decided on"),
                "the headline chart comes first: " + probe);
        assertTrue(probe.contains("cut=0;"), "chart text outside its chart: " + probe);
        for (String size : sizes) {
            String[] wh = size.split("x");
            assertTrue(Integer.parseInt(wh[0]) >= 400 && Integer.parseInt(wh[1]) >= 100, "chart too small: " + size);
        }
        screenshot(html, 1400, probe, "index.png");
    }

    /** On a desktop and on a phone: the page never scrolls sideways (tables scroll in their own box), no label is cut. */
    @ParameterizedTest
    @ValueSource(ints = {1280, 400})
    void pageFitsItsWidthWithEveryChartLabelInside(int width) throws Exception {
        Path html = render("run-c.json");
        String probe = probe(html, width);
        assertTrue(probe.startsWith("errors=0;"), "console errors on the page: " + probe);
        Matcher page = Pattern.compile("viewport=(\\d+) scroll=(\\d+) wide=(.*)").matcher(probe);
        assertTrue(page.find(), probe);
        int viewport = Integer.parseInt(page.group(1));
        assertTrue(viewport <= width && viewport > width - 40, "laid out at " + width + " px: " + probe);
        assertTrue(Integer.parseInt(page.group(2)) <= viewport, "the page scrolls sideways at " + width + " px, past it: "
                + page.group(3) + "\n" + probe);
        assertTrue(probe.contains("cut=0;"), "chart text outside its chart at " + width + " px: " + probe);
        assertTrue(between(probe, "first=", "\n").startsWith("What each verdict on integer_hash was decided on"), probe);
        assertEquals("7", between(probe, "interpreters=", "\n"), "the claims judged on Python, one row each: " + probe);
        for (String size : between(probe, "charts=", "\n").split(",")) {
            assertTrue(Integer.parseInt(size.split("x")[0]) <= viewport, "a chart wider than the page: " + size);
        }
        screenshot(html, width, probe, "index-" + width + ".png");
    }

    /** The sweep's log–log charts (run-a has them) fit a desktop and a phone too, every label inside. */
    @ParameterizedTest
    @ValueSource(ints = {1280, 400})
    void sweepChartsFitTheirWidthWithEveryLabelInside(int width) throws Exception {
        Path html = render("run-a.json");
        String probe = probe(html, width);
        assertTrue(probe.startsWith("errors=0;"), "console errors on the page: " + probe);
        Matcher page = Pattern.compile("viewport=(\\d+) scroll=(\\d+) wide=(.*)").matcher(probe);
        assertTrue(page.find(), probe);
        int viewport = Integer.parseInt(page.group(1));
        assertTrue(Integer.parseInt(page.group(2)) <= viewport, "the page scrolls sideways at " + width + " px, past it: "
                + page.group(3) + "\n" + probe);
        assertTrue(probe.contains("cut=0;"), "chart text outside its chart at " + width + " px: " + probe);
        List<String> sizes = List.of(between(probe, "charts=", "\n").split(","));
        assertEquals(12, sizes.size(), probe);
        for (String size : sizes) {
            assertTrue(Integer.parseInt(size.split("x")[0]) <= viewport, "a chart wider than the page: " + size);
        }
        screenshot(html, width, probe, "index-run-a-" + width + ".png");
    }

    private Path render(String fixture) throws Exception {
        Path run = dir.resolve(fixture.replace(".json", ""));
        Files.createDirectories(run);
        Files.copy(Fixtures.file(fixture), run.resolve(Reports.RESULTS));
        return Reports.writeAll(run);
    }

    /** The probe's findings for the page laid out {@code width} px wide. */
    private String probe(Path html, int width) throws Exception {
        String probed = Files.readString(html).replaceFirst("<head>", "<head>\n" + Matcher.quoteReplacement(PROBE));
        // srcdoc, not src: a frame from a file: URL would be another origin, which the outer page may not read.
        Path frame = html.resolveSibling("frame-" + width + ".html");
        Files.writeString(frame, """
                <!DOCTYPE html><html><head><meta charset="utf-8"><style>body { margin: 0 } iframe { border: 0; display: block }</style></head>
                <body><iframe id="page" width="%d" height="900" srcdoc="%s"></iframe>
                <script>
                var tries = 0;
                function look() {
                  var inner = document.getElementById('page').contentDocument, probe = inner && inner.getElementById('probe');
                  if (!probe && ++tries < 80) { setTimeout(look, 50); return; }
                  var out = document.createElement('pre');
                  out.id = 'result';
                  out.textContent = probe ? probe.textContent : 'no probe in the frame: ' + (inner ? inner.readyState : 'no access');
                  document.body.appendChild(out);
                }
                window.addEventListener('load', look);
                </script></body></html>
                """.formatted(width, Format.xml(probed)));
        String dom = chromium("dump-dom", List.of("--dump-dom", "--window-size=" + Math.max(width + 40, 800) + ",1000",
                frame.toUri().toString()));
        return between(dom, "<pre id=\"result\">", "</pre>").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    /** The whole page at {@code width}, for a person to look at (kept in target/ so it survives the test). */
    private void screenshot(Path html, int width, String probe, String name) throws Exception {
        int height = Math.min(15000, Integer.parseInt(between(probe, "height=", "\n")) + 20);
        Path screenshot = Path.of(System.getProperty("project.root", "."), "target", "report-e2e", name);
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        chromium("screenshot", List.of("--screenshot=" + screenshot, "--hide-scrollbars",
                "--window-size=" + width + "," + height, html.toUri().toString()));
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
