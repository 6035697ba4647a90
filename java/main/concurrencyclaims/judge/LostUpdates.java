package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Stats;
import concurrencyclaims.runtime.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared memory without synchronisation loses updates, with it none: the exact counter equals the expected total in
 * every sample, and the racy one falls short in at least one. A race is probabilistic: the claim is measured until a
 * loss shows, and a racy counter that never lost anything within the budget is INCONCLUSIVE, not a refutation. Nor
 * does a few exact samples prove a counter exact: on a loaded machine a racy one's threads may not overlap (a lab's
 * unsynchronised starter was once exact in 3 samples of 3 while the racy counter beside it lost updates in all 3).
 * So CONFIRMED needs as many exact samples as make that luck unlikely: a counter as racy as the racy one in the same
 * samples (its share of samples without a loss taken at its upper {@value DecisionRule#ALPHA}-level bound) would
 * have stayed exact in all of them with a chance below {@value DecisionRule#ALPHA}; five samples when the racy counter
 * lost updates in every one. Figures: {@code expected}, {@code racy}, {@code exact} name the workload's reported
 * values.
 */
public record LostUpdates(String expectedFigure, String racyFigure, String exactFigure) implements Assertion {

    @Override
    public List<String> problems(Claim claim) {
        return expectedFigure == null || racyFigure == null || exactFigure == null
                ? List.of("assertion needs 'expected_figure', 'racy_figure' and 'exact_figure'") : List.of();
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
        double[] lostShare = new double[samples.size()];
        int racesSeen = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i).sample();
            double expected = sample.figure(expectedFigure);
            double exact = sample.figure(exactFigure);
            double racy = sample.figure(racyFigure);
            if (exact != expected) {
                return new Assessment.Observed(Outcome.REFUTED, exactFigure + " was " + (long) exact + " in sample "
                        + (i + 1) + ", expected " + (long) expected + ": synchronisation lost updates",
                        Map.of(), null);
            }
            lostShare[i] = (expected - racy) / expected;
            racesSeen += racy < expected ? 1 : 0;
        }
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        if (samples.isEmpty()) {
            return new Assessment.Observed(null, "nothing measured yet", numbers, null);
        }
        numbers.put("lost_share", Stats.estimate(lostShare, ""));
        String facts = exactFigure + " exact in all " + samples.size() + " samples; " + racyFigure + " lost updates in "
                + racesSeen + " of " + samples.size() + " (median share lost " + numbers.get("lost_share") + ")";
        double luck = chanceARacyCounterStaysExact(samples.size(), racesSeen);
        if (racesSeen > 0 && samples.size() >= DecisionRule.FIRST_LOOK && luck < DecisionRule.ALPHA) {
            return new Assessment.Observed(Outcome.CONFIRMED, facts, numbers, "lost_share");
        }
        return new Assessment.Observed(null, facts + (racesSeen == 0 ? ": the race has not shown yet"
                : ", but a counter that racy could have stayed exact in " + samples.size() + " samples by luck (a"
                + " chance of up to " + Stats.format(luck) + ")"), numbers, "lost_share");
    }

    /**
     * At most how likely a counter that races as often as the racy one ({@code races} of {@code samples}) is to lose
     * nothing in {@code samples} samples: its share of samples without a loss at its upper one-sided
     * (1 - α) Clopper-Pearson bound, to the power of the samples.
     */
    static double chanceARacyCounterStaysExact(int samples, int races) {
        int withoutLoss = samples - races;
        double share = withoutLoss >= samples ? 1 : new org.apache.commons.math3.distribution.BetaDistribution(null,
                withoutLoss + 1, samples - withoutLoss).inverseCumulativeProbability(1 - DecisionRule.ALPHA);
        return Math.pow(share, samples);
    }
}
