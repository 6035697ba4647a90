package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two figures a workload reports about itself, as a ratio that must lie in {@code [min, max]}: for example a timer's
 * lateness over the length of the CPU burn that blocked the loop. {@code max} may be absent; {@code min: 0} with a
 * {@code max} bounds the ratio from above only.
 */
public record DetailRatio(String numerator, String denominator, Double min, Double max) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>();
        if (numerator == null || denominator == null) {
            problems.add("assertion needs 'numerator' and 'denominator' (names of figures the workload reports)");
        }
        problems.addAll(Assertion.requireRange("min", min, 0, 1e6));
        if (max != null && max < min) {
            problems.add("'max' must not be below 'min'");
        }
        return problems;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.target());
    }

    /** Figures that are times ({@code _ms}, {@code _s}) need a quiet machine before they can refute. */
    private boolean isTiming() {
        return isTimeFigure(numerator) || isTimeFigure(denominator);
    }

    /** A figure named as a time ({@code _s}, {@code _ms}): a timing, which needs a quiet machine before it refutes. */
    static boolean isTimeFigure(String figure) {
        return figure.endsWith("_s") || figure.endsWith("_ms");
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put(numerator, m.estimate(Series.TARGET, s -> s.sample().figure(numerator), ""));
        numbers.put(denominator, m.estimate(Series.TARGET, s -> s.sample().figure(denominator), ""));
        String name = numerator + "/" + denominator;
        Statistic ratio = new Statistic(name, "×", m.values(Series.TARGET,
                s -> s.sample().figure(numerator) / s.sample().figure(denominator)),
                max == null ? Bound.above(min) : min > 0 ? Bound.within(min, max) : Bound.below(max), isTiming());
        return new Assessment.Measured(ratio, List.of(), numbers, name, numerator + " " + numbers.get(numerator) + ", "
                + denominator + " " + numbers.get(denominator));
    }
}
