package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two figures a workload reports about itself, as a ratio that must lie in {@code [min, max]}: for example a timer's
 * lateness over the length of the CPU burn that blocked the loop. {@code max} may be absent.
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

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        numbers.put(numerator, m.estimate(Series.TARGET, s -> figure(s.sample().details(), numerator), ""));
        numbers.put(denominator, m.estimate(Series.TARGET, s -> figure(s.sample().details(), denominator), ""));
        Estimate ratio = m.estimate(Series.TARGET,
                s -> figure(s.sample().details(), numerator) / figure(s.sample().details(), denominator), "×");
        String name = numerator + "/" + denominator;
        numbers.put(name, ratio);
        String range = "[" + Stats.format(min) + ", " + (max == null ? "∞" : Stats.format(max)) + "]";
        String facts = numerator + " " + numbers.get(numerator) + " / " + denominator + " " + numbers.get(denominator)
                + " = " + ratio + ", expected in " + range;
        boolean aboveMin = ratio.ciLow() >= min;
        boolean belowMax = max == null || ratio.ciHigh() <= max;
        if (aboveMin && belowMax) {
            return Verdict.of(Outcome.CONFIRMED, facts, numbers, name);
        }
        if (ratio.ciHigh() < min || (max != null && ratio.ciLow() > max)) {
            return Verdict.of(Outcome.REFUTED, facts, numbers, name);
        }
        return Verdict.of(Outcome.INCONCLUSIVE, facts + ": too close to call", numbers, name);
    }

    static double figure(Map<String, Object> details, String key) {
        Object value = details.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalStateException("the workload reported no figure '" + key + "' (it reported " + details.keySet() + ")");
    }
}
