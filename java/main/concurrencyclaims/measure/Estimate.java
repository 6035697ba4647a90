package concurrencyclaims.measure;

/** A median with its 95 % confidence interval and the relative spread of the values it summarises. */
public record Estimate(double median, double ciLow, double ciHigh, double relativeSpread, int n, String unit) {

    public boolean isNoisy() {
        return relativeSpread > Stats.NOISY_SPREAD;
    }

    @Override
    public String toString() {
        return Stats.format(median) + unit + " (95% CI " + Stats.format(ciLow) + "–" + Stats.format(ciHigh) + ")";
    }
}
