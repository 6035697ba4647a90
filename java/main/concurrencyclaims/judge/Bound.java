package concurrencyclaims.judge;

import concurrencyclaims.measure.Stats;

/**
 * Where a claim puts its statistic: above a bound, below it, or within two. An interval lies on the claim's side when
 * it is wholly there, on the other side when it is wholly outside; otherwise the bound is still inside it.
 */
public record Bound(Side side, double low, double high) {
    public enum Side {
        ABOVE, BELOW, WITHIN;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Bound {
        if (!(low > 0) || !(high > 0) || low > high) {
            throw new IllegalArgumentException("a bound is a positive number or an increasing pair, got " + low + ", " + high);
        }
    }

    public static Bound above(double bound) {
        return new Bound(Side.ABOVE, bound, bound);
    }

    public static Bound below(double bound) {
        return new Bound(Side.BELOW, bound, bound);
    }

    public static Bound within(double low, double high) {
        return new Bound(Side.WITHIN, low, high);
    }

    /** The interval {@code [from, to]} lies wholly on the claim's side. */
    public boolean holds(double from, double to) {
        return switch (side) {
            case ABOVE -> from > low;
            case BELOW -> to < high;
            case WITHIN -> from > low && to < high;
        };
    }

    /** The interval {@code [from, to]} lies wholly on the other side. */
    public boolean fails(double from, double to) {
        return switch (side) {
            case ABOVE -> to < low;
            case BELOW -> from > high;
            case WITHIN -> to < low || from > high;
        };
    }

    /** Whether a single value (an estimate) sits on the claim's side: which way an undecided statistic leans. */
    boolean holds(double value) {
        return holds(value, value);
    }

    /** The bound as results.json records it: [b] (one number in the file), or [low, high]. */
    public java.util.List<Double> json() {
        return side == Side.WITHIN ? java.util.List.of(low, high) : java.util.List.of(low);
    }

    @Override
    public String toString() {
        return switch (side) {
            case ABOVE -> "> " + Stats.format(low);
            case BELOW -> "< " + Stats.format(high);
            case WITHIN -> "in (" + Stats.format(low) + ", " + Stats.format(high) + ")";
        };
    }
}
