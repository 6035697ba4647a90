package concurrencyclaims.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(new double[] {5, 1, 3, 2, 4}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void constantSamplesHaveAZeroWidthIntervalAndNoSpread() {
        Estimate e = Stats.estimate(new double[] {2, 2, 2, 2}, "×");
        assertEquals(2.0, e.ciLow());
        assertEquals(2.0, e.ciHigh());
        assertEquals(0.0, e.relativeSpread());
        assertFalse(e.isNoisy());
    }

    @Test
    void bootstrapIntervalContainsTheMedianAndStaysWithinTheData() {
        double[] values = {1.0, 1.1, 0.9, 1.05, 0.95, 1.2, 0.8, 1.0, 1.02, 0.98, 1.01};
        Estimate e = Stats.estimate(values, "×");
        assertEquals(1.0, e.median(), 1e-12);
        assertTrue(e.ciLow() <= 1.0 && e.ciHigh() >= 1.0, e.toString());
        assertTrue(e.ciLow() >= 0.8 && e.ciHigh() <= 1.2, e.toString());
        assertTrue(e.ciHigh() - e.ciLow() < 0.2, "11 tight values give a narrow interval: " + e);
    }

    @Test
    void intervalIsReproducible() {
        double[] values = {3, 9, 4, 7, 5};
        assertEquals(Stats.estimate(values, "").ciLow(), Stats.estimate(values, "").ciLow());
    }

    @Test
    void widelySpreadSamplesAreFlaggedNoisy() {
        Estimate e = Stats.estimate(new double[] {1.0, 1.5, 0.6, 1.2, 0.7}, "s");
        assertTrue(e.isNoisy(), "spread " + e.relativeSpread());
    }

    @Test
    void oneWildRoundAmongThreeMakesASeriesNoisy() {
        // The GraalJS series that once passed as quiet: two rounds alike, one nearly four times slower.
        assertTrue(Stats.estimate(new double[] {1.0, 1.02, 3.9}, "s").isNoisy());
        assertFalse(Stats.estimate(new double[] {1.0, 1.02, 0.99}, "s").isNoisy());
    }

    @Test
    void emptyInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stats.estimate(new double[0], ""));
    }

    @Test
    void formatAdaptsDigitsToMagnitude() {
        assertEquals("1.23", Stats.format(1.234));
        assertEquals("12.3", Stats.format(12.34));
        assertEquals("123", Stats.format(123.4));
        assertEquals("n/a", Stats.format(Double.NaN));
    }
}
