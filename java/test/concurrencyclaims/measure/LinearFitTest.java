package concurrencyclaims.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.report.Results;
import org.junit.jupiter.api.Test;

class LinearFitTest {
    @Test
    void aNoisyLineGivesItsSlopeWithAnIntervalAroundIt() {
        double[] x = {10, 10, 100, 100, 1000, 1000, 10000};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 500 + 20 * x[i] + (i % 2 == 0 ? 30 : -30);
        }
        Results.Fit fit = LinearFit.of("pss_kib", "KiB", x, y);
        assertEquals(20, fit.slope(), 0.05);
        assertTrue(fit.slopeLow() < 20 && fit.slopeHigh() > 20 && fit.slopeHigh() - fit.slopeLow() < 1, fit.toString());
        assertEquals(7, fit.samples());
    }

    @Test
    void twoSamplesGiveASlopeButNoInterval() {
        Results.Fit fit = LinearFit.of("startup_ms", "ms", new double[]{10, 100}, new double[]{1, 10});
        assertEquals(0.1, fit.slope(), 1e-12);
        assertTrue(Double.isNaN(fit.slopeLow()) && Double.isNaN(fit.slopeHigh()));
    }
}
