package concurrencyclaims.report;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.Arrays;

/** The few statistics the reports compute themselves; seeded, so the same file always renders the same page. */
final class ReportStats {
    static final int BOOTSTRAP_RESAMPLES = 2000;
    static final double ALPHA = 0.05;

    private ReportStats() {
    }

    static double median(double[] values) {
        return values.length == 0 ? Double.NaN : new Median().evaluate(values);
    }

    /** Median and 95% percentile-bootstrap interval of median(numerator) / median(denominator). */
    static double[] ratioOfMedians(double[] numerator, double[] denominator, long seed) {
        double point = median(numerator) / median(denominator);
        if (numerator.length < 2 || denominator.length < 2) {
            return new double[]{point, Double.NaN, Double.NaN};
        }
        RandomGenerator random = new Well19937c(seed);
        double[] ratios = new double[BOOTSTRAP_RESAMPLES];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = median(resample(numerator, random)) / median(resample(denominator, random));
        }
        Percentile percentile = new Percentile();
        return new double[]{point, percentile.evaluate(ratios, 2.5), percentile.evaluate(ratios, 97.5)};
    }

    private static double[] resample(double[] values, RandomGenerator random) {
        double[] copy = new double[values.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values[random.nextInt(values.length)];
        }
        return copy;
    }

    /** Two-sided Mann-Whitney U p-value (normal approximation with tie correction), NaN when a side has < 2 samples. */
    static double mannWhitneyP(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return Double.NaN;
        }
        return new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    /**
     * Benjamini–Hochberg adjusted p-values (NaN stays NaN): a report tests every claim × runtime × model at once,
     * and must not call noise a difference; BH keeps the expected share of false discoveries below alpha.
     */
    static double[] benjaminiHochberg(double[] p) {
        Integer[] order = new Integer[p.length];
        int tested = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            if (!Double.isNaN(p[i])) {
                tested++;
            }
        }
        Arrays.sort(order, (x, y) -> Double.compare(Double.isNaN(p[x]) ? 2 : p[x], Double.isNaN(p[y]) ? 2 : p[y]));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 1;
        for (int rank = tested - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, p[i] * tested / (rank + 1));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
