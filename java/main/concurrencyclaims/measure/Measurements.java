package concurrencyclaims.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Every sample of a claim's series, in round order; warm-ups are kept for the record but not used by judges. */
public final class Measurements {
    private final Map<Series, List<MeasuredSample>> samples = new LinkedHashMap<>();

    public void add(Series series, MeasuredSample sample) {
        samples.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
    }

    public Map<Series, List<MeasuredSample>> all() {
        return samples;
    }

    public Series series(String role) {
        return samples.keySet().stream().filter(s -> s.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no series with role " + role));
    }

    public List<MeasuredSample> measured(String role) {
        return samples.get(series(role)).stream().filter(MeasuredSample::counts).toList();
    }

    /** Measured rounds so far: the fewest any series has (every series gets one sample per round). */
    public int rounds() {
        return samples.values().stream().mapToInt(list -> (int) list.stream().filter(MeasuredSample::counts).count())
                .min().orElse(0);
    }

    /** {@code metric} of every measured sample of {@code role}, in round order. */
    public double[] values(String role, ToDoubleFunction<MeasuredSample> metric) {
        return measured(role).stream().mapToDouble(metric).toArray();
    }

    public Estimate estimate(String role, ToDoubleFunction<MeasuredSample> metric, String unit) {
        return Stats.estimate(values(role, metric), unit);
    }

    /** Per-round ratio metric(numerator) / metric(denominator): pairs samples taken close in time, so drift cancels. */
    public double[] pairedRatios(String numerator, String denominator, ToDoubleFunction<MeasuredSample> metric) {
        List<MeasuredSample> top = measured(numerator);
        List<MeasuredSample> bottom = measured(denominator);
        int n = Math.min(top.size(), bottom.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = metric.applyAsDouble(top.get(i)) / metric.applyAsDouble(bottom.get(i));
        }
        return ratios;
    }

    /** Speedup of {@code role} over {@code baselineRole}, round by round: wall(baseline) / wall(role). */
    public double[] speedups(String role, String baselineRole) {
        return pairedRatios(baselineRole, role, s -> s.sample().wallSeconds());
    }

    public Estimate speedup(String role, String baselineRole) {
        return Stats.estimate(speedups(role, baselineRole), "×");
    }

    /** Highest average number of foreign busy cores seen in any measured sample of the claim. */
    public double peakForeignCores() {
        return samples.values().stream().flatMap(List::stream).filter(MeasuredSample::counts)
                .mapToDouble(MeasuredSample::foreignCores).max().orElse(0);
    }

    /** Warnings for series whose wall times spread too far to trust a single value. */
    public List<String> noiseWarnings() {
        List<String> warnings = new ArrayList<>();
        samples.forEach((series, list) -> {
            double[] walls = list.stream().filter(MeasuredSample::counts).mapToDouble(s -> s.sample().wallSeconds()).toArray();
            if (walls.length >= 2 && Stats.relativeSpread(walls) > Stats.NOISY_SPREAD) {
                warnings.add("series " + series.label() + " is noisy: wall times spread "
                        + Math.round(100 * Stats.relativeSpread(walls)) + "% of the mean (standard deviation)");
            }
        });
        return warnings;
    }
}
