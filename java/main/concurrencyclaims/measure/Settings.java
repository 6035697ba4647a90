package concurrencyclaims.measure;

import java.time.Duration;
import java.util.Properties;

/**
 * How much to measure. Defaults: a warm-up round, then 3 (quick) or 5 (full) interleaved rounds, each sequential run
 * sized to about 0.3 s (quick) or 0.8 s (full): long enough that start-up and timer noise are small, short enough that
 * a verdict costs seconds. An INCONCLUSIVE claim is measured again up to {@code attempts} times in all.
 */
public record Settings(boolean quick, int warmups, int repetitions, int attempts, double targetSeconds, Duration timeout) {

    public static Settings fromSystemProperties() {
        return from(System.getProperties());
    }

    public static Settings from(Properties p) {
        boolean quick = isTrue(p.getProperty("quick"));
        return new Settings(quick,
                intOf(p, "warmups", 1),
                intOf(p, "repetitions", quick ? 3 : 5),
                intOf(p, "attempts", quick ? 2 : 3),
                Double.parseDouble(p.getProperty("target.seconds", quick ? "0.3" : "0.8")),
                Duration.ofSeconds(intOf(p, "timeout.seconds", 300)));
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
}
