package concurrencyclaims.measure;

import concurrencyclaims.report.Results;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * cost = a + b·N by ordinary least squares over every sample (not over medians: the spread of the samples at one N is
 * what the slope's interval must carry), with Student's t interval for b at 95 %.
 */
public final class LinearFit {
    static final double LEVEL = 0.95;

    private LinearFit() {
    }

    /** The fit of {@code y} against {@code x}; the interval is NaN with fewer than three samples or one distinct x. */
    public static Results.Fit of(String metric, String unit, double[] x, double[] y) {
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                regression.addData(x[i], y[i]);
            }
        }
        long n = regression.getN();
        double slope = regression.getSlope();
        double low = Double.NaN;
        double high = Double.NaN;
        if (n >= 3 && Double.isFinite(slope)) {
            double halfWidth = new TDistribution(n - 2).inverseCumulativeProbability(0.5 + LEVEL / 2)
                    * regression.getSlopeStdErr();
            if (Double.isFinite(halfWidth)) {
                low = slope - halfWidth;
                high = slope + halfWidth;
            }
        }
        return new Results.Fit(metric, unit, regression.getIntercept(), slope, low, high, (int) n,
                regression.getRSquare());
    }
}
