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
 * posted to a worker is a copy, or the type of exception a second thread gets from a busy context. One sample that
 * differs refutes the claim at once; {@value DecisionRule#FIRST_LOOK} that agree confirm it.
 */
public record DetailsEqual(Map<String, Object> expected) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return expected == null || expected.isEmpty()
                ? List.of("assertion needs 'expected': the facts and their values") : List.of();
    }

    @Override
    public boolean hasBound() {
        return false;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        return List.of(plan.target());
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        List<MeasuredSample> samples = m.measured(Series.TARGET);
        for (MeasuredSample sample : samples) {
            for (Map.Entry<String, Object> fact : expected.entrySet()) {
                Object seen = sample.sample().details().get(fact.getKey());
                if (!Objects.equals(String.valueOf(seen), String.valueOf(fact.getValue()))) {
                    return new Assessment.Observed(Outcome.REFUTED, fact.getKey() + " was " + seen + " in round "
                            + sample.round() + ", expected " + fact.getValue(), Map.of(), null);
                }
            }
        }
        String seen = "in all " + samples.size() + " samples: " + expected;
        return new Assessment.Observed(samples.size() >= DecisionRule.FIRST_LOOK ? Outcome.CONFIRMED : null, seen,
                Map.of(), null);
    }
}
