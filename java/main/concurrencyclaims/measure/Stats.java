package concurrencyclaims.measure;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Medians with percentile-bootstrap confidence intervals. Samples are few (3–7) and skewed by bursts of load, so the
 * median is the estimate and the interval says how far the few values leave it; the seed is fixed so the same samples
 * give the same interval.
 */
public final class Stats {
    /**
     * Spread (standard deviation / mean) above which a series is flagged noisy, as pyperf warns at 10 %. Unlike the
     * median, the spread must see a single wild round: that is what makes a series untrustworthy.
     */
    public static final double NOISY_SPREAD = 0.10;
    private static final int RESAMPLES = 2000;
    private static final long SEED = 20261125L;

    private Stats() {
    }

    public static double median(double[] values) {
        requireValues(values);
        return new Median().evaluate(values);
    }

    /** Coefficient of variation: sample standard deviation divided by the mean. */
    public static double relativeSpread(double[] values) {
        requireValues(values);
        double mean = new Mean().evaluate(values);
        return values.length < 2 || mean == 0 ? 0 : new StandardDeviation().evaluate(values) / Math.abs(mean);
    }

    public static Estimate estimate(List<Double> values, String unit) {
        return estimate(values.stream().mapToDouble(Double::doubleValue).toArray(), unit);
    }

    public static Estimate estimate(double[] values, String unit) {
        requireValues(values);
        double[] ci = bootstrapMedianInterval(values, 0.95);
        return new Estimate(median(values), ci[0], ci[1], relativeSpread(values), values.length, unit);
    }

    /** Percentile bootstrap of the median: {@code [low, high]} covering {@code level} of the resampled medians. */
    public static double[] bootstrapMedianInterval(double[] values, double level) {
        requireValues(values);
        if (values.length == 1) {
            return new double[] {values[0], values[0]};
        }
        RandomGenerator random = new Well19937c(SEED);
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[values.length];
        Median median = new Median();
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < values.length; i++) {
                resample[i] = values[random.nextInt(values.length)];
            }
            medians[r] = median.evaluate(resample);
        }
        java.util.Arrays.sort(medians);
        double tail = (1 - level) / 2;
        int low = (int) Math.floor(tail * (RESAMPLES - 1));
        int high = (int) Math.ceil((1 - tail) * (RESAMPLES - 1));
        return new double[] {medians[low], medians[high]};
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static void requireValues(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
    }
}
