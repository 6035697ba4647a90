package concurrencyclaims.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {

    @Test
    void barsSwitchToLogScaleWhenValuesSpanOrdersOfMagnitude() {
        SvgChart wide = SvgChart.bars("start", "ms").bar("a", "java", 0.001, Double.NaN, Double.NaN, "0.001 ms")
                .bar("b", "cpython", 40, 35, 45, "40 ms");
        assertTrue(wide.isLog());
        assertTrue(wide.svg().contains("(log scale)"));
        SvgChart narrow = SvgChart.bars("start", "ms").bar("a", "java", 10, 9, 11, "10 ms").bar("b", "x", 20, 18, 22, "20");
        assertFalse(narrow.isLog());
    }

    @Test
    void linesDrawErrorBarsReferencesAndEscapeText() {
        String svg = SvgChart.lines("speedup <ideal>", "workers", "speedup")
                .series("java · threads", "java", false, List.of(new SvgChart.Point(1, 1, 0.9, 1.1),
                        new SvgChart.Point(2, 1.9, 1.8, 2.0)))
                .reference(1, 1, 2, 2, "ideal").reference(2, 0, 2, 0, "2 cores").svg();
        assertTrue(svg.startsWith("<svg class=\"chart\""));
        assertTrue(svg.contains("speedup &lt;ideal&gt;"));
        assertEquals(2, svg.split("class=\"error-bar\"", -1).length - 1);
        assertEquals(2, svg.split("class=\"reference\"", -1).length - 1);
        assertTrue(svg.contains("<polyline"));
    }

    @Test
    void logLogLinesLeaveOutWhatTheyCannotDrawAndMarkWhereALineStopped() {
        SvgChart chart = SvgChart.lines("memory", "tasks", "KiB per task").logScale(true).logX(true).size(480, 1)
                .series("a · sleep", "a", false, List.of(new SvgChart.Point(10, -0.5, Double.NaN, Double.NaN),
                        new SvgChart.Point(100, 2, Double.NaN, Double.NaN), new SvgChart.Point(1000, 3, Double.NaN, Double.NaN)))
                .series("b · tcp", "b", true, List.of(new SvgChart.Point(10, 2000, Double.NaN, Double.NaN)))
                .mark("b", 10, 2000, "time budget at 100", "10 tasks took 12 s a sample")
                .mark("b", 10, 1900, "time budget at 100", "the same stop of its other line");
        String svg = chart.svg();
        assertTrue(svg.startsWith("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"480\""), svg);
        assertEquals(3, svg.split("<circle", -1).length - 1, "the point at or below 0 is left out: " + svg);
        for (String tick : List.of(">10</text>", ">100</text>", ">1000</text>", ">1</text>", ">10k</text>")) {
            assertTrue(svg.contains(tick), tick + " in " + svg);
        }
        assertEquals(2, svg.split("class=\"stop\"", -1).length - 1, "a cross per mark: " + svg);
        assertEquals(1, svg.split(">time budget at 100<title>", -1).length - 1, "one label for the same stop: " + svg);
        assertTrue(svg.contains("stroke-dasharray=\"6 4\""), "tcp dashed");
        // Every coordinate is a number: nothing was mapped from a value the log axis cannot take.
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
    }

    @Test
    void numbersReadWell() {
        assertEquals("1.01", Format.number(1.0123));
        assertEquals("0.99", Format.number(0.99));
        assertEquals("0.0011", Format.number(0.0011));
        assertEquals("410\u202f000", Format.number(410000));
        assertEquals("50k", Format.compact(50000));
    }

    @Test
    void longBarLabelsWrapAtSpacesAndKeepEveryCharacter() {
        String label = "cpython-3.13.5t · thread-pool ×2 (cpython-free-threaded-threads-run-in-parallel)";
        java.util.List<String> lines = SvgChart.wrap(label, SvgChart.LABEL_CHARACTERS);
        assertTrue(lines.size() > 1, lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.length() <= SvgChart.LABEL_CHARACTERS), lines.toString());
        assertEquals(label.replace(" ", ""), String.join("", lines).replace(" ", ""));
        String svg = SvgChart.bars("t", "v").bar(label, "k", 1.5, 1.2, 1.8, "1.5×").svg();
        for (String line : lines) {
            assertTrue(svg.contains(">" + Format.xml(line) + "</text>"), line + " in " + svg);
        }
    }

    @Test
    void longIdsBreakAfterAHyphen() {
        assertEquals(List.of("processes-", "communicate-slower-", "through-a-pipe"),
                SvgChart.wrap("processes-communicate-slower-through-a-pipe", 20));
    }

    @Test
    void decisionRowsDrawTheBoundAndTheMarkApartFromTheBar() {
        String svg = SvgChart.decisions("decided", "×", List.of("the statistic", "its interval", "the bound", "wall time"))
                .colour("CONFIRMED", "#2da44e")
                .row("CONFIRMED — java · child-processes ×2", "CONFIRMED", 1.94, 1.8, 2.0, List.of(1.5), 1.04,
                        List.of("work_parallelism 1.94× (97% CI 1.80–2.00), claim > 1.5", "wall-time speed-up 1.04×"))
                .row("CONFIRMED — convoy", "CONFIRMED", 1.04, 1.02, 1.08, List.of(0.5, 2.0), Double.NaN,
                        List.of("r 1.04×, claim in 0.5–2"))
                .reference(1, 0, 1, 0, "1×").svg();
        // One tick per bound, two for a range, one in the legend; one diamond per mark, one in the legend.
        assertEquals(4, svg.split("class=\"bound\"", -1).length - 1, svg);
        assertEquals(2, svg.split("class=\"mark\"", -1).length - 1, svg);
        for (String text : List.of("the statistic", "its interval", "the bound", "wall time", "CONFIRMED",
                "work_parallelism 1.94× (97% CI 1.80–2.00), claim &gt; 1.5", "wall-time speed-up 1.04×")) {
            assertTrue(svg.contains(">" + text + "</text>"), text + " in " + svg);
        }
        assertEquals(2, svg.split("fill=\"#2da44e\"><title>", -1).length - 1, "a bar per row in its verdict's colour");
    }
}
