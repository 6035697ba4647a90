package concurrencyclaims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.Assertion;
import concurrencyclaims.judge.DetailsEqual;
import concurrencyclaims.judge.NoSpeedup;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.runtime.WorkloadSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A timing-based REFUTED needs quiet series; facts a workload observes do not. */
class NoiseGuardTest {
    private static final Verdict REFUTED = Verdict.of(Outcome.REFUTED, "numbers", Map.of(), null);

    private static Claim claim(Assertion assertion) {
        return new Claim("c", "q", new Claim.Source("d", null, null), null, "integer_hash",
                Map.of("java", List.of("platform-threads")), 2, null, null, assertion);
    }

    private static Measurements walls(double... walls) {
        Measurements m = new Measurements();
        Series s = new Series("target", new FakeRuntime("r", job -> null), "integer_hash", "platform-threads", 2,
                new WorkloadSize(12, 1));
        for (int i = 0; i < walls.length; i++) {
            m.add(s, new MeasuredSample(i, false, FakeRuntime.sample(walls[i], walls[i]), walls[i], 0));
        }
        return m;
    }

    @Test
    void aRefutationOnNoisyTimingsBecomesInconclusive() {
        Verdict v = ClaimRun.quietOrInconclusive(claim(new NoSpeedup(1.15)), REFUTED, walls(0.1, 0.5, 0.2, 1.0, 0.15));
        assertEquals(Outcome.INCONCLUSIVE, v.outcome());
        assertTrue(v.reason().startsWith("would be REFUTED"), v.reason());
        assertEquals(1, v.warnings().size());
    }

    @Test
    void aRefutationOnQuietTimingsStands() {
        Verdict v = ClaimRun.quietOrInconclusive(claim(new NoSpeedup(1.15)), REFUTED, walls(1.0, 1.01, 0.99, 1.0));
        assertEquals(Outcome.REFUTED, v.outcome());
    }

    @Test
    void anObservedFactIsRefutedWhateverTheTimings() {
        Verdict v = ClaimRun.quietOrInconclusive(claim(new DetailsEqual(Map.of("copied", true))), REFUTED,
                walls(0.1, 0.5, 0.2, 1.0, 0.15));
        assertEquals(Outcome.REFUTED, v.outcome());
    }
}
