package concurrencyclaims.measure;

import java.time.Duration;
import java.util.Properties;

/**
 * How much to measure. A warm-up round, then interleaved rounds one at a time until the decision rule decides or the
 * per-claim budget runs out: {@code maxRounds} rounds or {@code maxSeconds} of measuring, whichever comes first. Each
 * sequential run is sized to about {@code targetSeconds}: long enough that start-up and timer noise are small, short
 * enough that a round costs a second or two. Quick mode: shorter runs and a smaller budget. {@code suites}: another
 * folder of claim files than the project's {@code suites/} (relative to the project root, or absolute).
 */
public record Settings(boolean quick, int warmups, int maxRounds, double maxSeconds, double targetSeconds,
                       Duration timeout, String suites) {

    public Settings(boolean quick, int warmups, int maxRounds, double maxSeconds, double targetSeconds,
                    Duration timeout) {
        this(quick, warmups, maxRounds, maxSeconds, targetSeconds, timeout, null);
    }

    public Settings {
        if (maxRounds < concurrencyclaims.judge.DecisionRule.FIRST_LOOK) {
            throw new IllegalArgumentException("-Dmax.rounds=" + maxRounds + " is below the "
                    + concurrencyclaims.judge.DecisionRule.FIRST_LOOK + " rounds the decision rule needs for a first look");
        }
    }

    public static Settings fromSystemProperties() {
        return from(System.getProperties());
    }

    public static Settings from(Properties p) {
        boolean quick = isTrue(p.getProperty("quick"));
        return new Settings(quick,
                intOf(p, "warmups", 1),
                intOf(p, "max.rounds", quick ? 6 : 8),
                doubleOf(p, "max.seconds", quick ? 8 : 15),
                doubleOf(p, "target.seconds", quick ? 0.12 : 0.2),
                Duration.ofSeconds(intOf(p, "timeout.seconds", 300)),
                p.getProperty("suites", "").isBlank() ? null : p.getProperty("suites").strip());
    }

    public String mode() {
        return quick ? "quick" : "full";
    }

    private static boolean isTrue(String value) {
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true"));
    }

    private static int intOf(Properties p, String key, int fallback) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + key + "=" + value + " is not a non-negative whole number");
        }
    }

    private static double doubleOf(Properties p, String key, double fallback) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + key + "=" + value + " is not a positive number");
        }
    }
}
