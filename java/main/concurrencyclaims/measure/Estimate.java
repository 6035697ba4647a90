package concurrencyclaims.measure;

/**
 * An estimate with its confidence interval at {@code level} (0.95 for the descriptive medians; the decision rule's
 * intervals are wider, as each look pays for the looks before it) and the relative spread of the values it summarises.
 */
public record Estimate(double median, double ciLow, double ciHigh, double relativeSpread, int n, String unit,
                       double level) {

    public static final double DESCRIPTIVE_LEVEL = 0.95;

    public Estimate(double median, double ciLow, double ciHigh, double relativeSpread, int n, String unit) {
        this(median, ciLow, ciHigh, relativeSpread, n, unit, DESCRIPTIVE_LEVEL);
    }

    public boolean isNoisy() {
        return relativeSpread > Stats.NOISY_SPREAD;
    }

    /** "95%", "97.0%", "99.95%": whole when it is whole, else with the first two digits of what it leaves out. */
    public String levelText() {
        double percent = level * 100;
        if (Math.abs(percent - Math.rint(percent)) < 1e-9) {
            return String.format(java.util.Locale.ROOT, "%.0f%%", percent);
        }
        int decimals = Math.max(1, 1 - (int) Math.floor(Math.log10(100 - percent)));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f%%", percent);
    }

    @Override
    public String toString() {
        return Stats.format(median) + unit + " (" + levelText() + " CI " + Stats.format(ciLow) + "–"
                + Stats.format(ciHigh) + ")";
    }
}
