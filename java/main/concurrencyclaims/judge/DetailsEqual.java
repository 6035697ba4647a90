package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Facts a workload observes about its model, which must be the same in every sample: for example that a message
 * posted to a worker is a copy, or the type of exception a second thread gets from a busy context.
 */
public record DetailsEqual(Map<String, Object> expected) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return expected == null || expected.isEmpty()
                ? List.of("assertion needs 'expected': the facts and their values") : List.of();
    }

    @Override
    public boolean judgesTimings() {
        return false;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.target());
    }

    @Override
    public Verdict judge(Measurements m, PlanContext plan) {
        List<MeasuredSample> samples = m.measured(Series.TARGET);
        for (MeasuredSample sample : samples) {
            for (Map.Entry<String, Object> fact : expected.entrySet()) {
                Object seen = sample.sample().details().get(fact.getKey());
                if (!Objects.equals(String.valueOf(seen), String.valueOf(fact.getValue()))) {
                    return Verdict.of(Outcome.REFUTED, fact.getKey() + " was " + seen + " in round " + sample.round()
                            + ", expected " + fact.getValue(), Map.of(), null);
                }
            }
        }
        return Verdict.of(Outcome.CONFIRMED, "in all " + samples.size() + " samples: " + expected, Map.of(), null);
    }
}
