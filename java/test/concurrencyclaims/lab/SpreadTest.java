package concurrencyclaims.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.proc.TaskSampler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpreadTest {
    private static TaskSampler.Observation seen(double treeCpu, long... ranNs) {
        Map<Long, Long> ran = new java.util.HashMap<>();
        for (int t = 0; t < ranNs.length; t++) {
            ran.put(100L + t, ranNs[t]);
        }
        return new TaskSampler.Observation(0.3, treeCpu, 100, Map.of(), Map.of(), ran, List.of(), Double.NaN);
    }

    @Test
    void aSamplerThatMissedEnoughCpuToHideAWorkersFairPartMissedTheCall() {
        assertTrue(Spread.missed(seen(0.2), 2), "threads that came and went between two looks");
        assertTrue(Spread.missed(seen(0.2, 40_000_000L, 40_000_000L), 2));
        assertTrue(Spread.missed(seen(0.1, 50_000_000L, 0L), 2),
                "half the CPU unseen: a second thread's whole part, though the sampler saw half (seen in CI)");
        assertFalse(Spread.missed(seen(0.2, 90_000_000L, 90_000_000L), 2), "all but 20 ms seen, one look's worth");
        assertFalse(Spread.missed(seen(0.1, 45_000_000L, 45_000_000L), 2),
                "10 ms unseen, less than a fair part (12.5 ms) and than one look");
        assertFalse(Spread.missed(seen(0.01), 2), "a call too short for the kernel's accounting to tell");
    }
}
