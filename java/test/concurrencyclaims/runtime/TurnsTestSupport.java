package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The turn-taking mutant ({@link Job#TURNS_LOCK}) that proves the parallelism judge, for every runtime's tests: the
 * same integer_hash job once with its workers taking turns, waiting outside their own timing (the statistic must
 * see one core busy at a time), and once as usual (the statistic must be there; how high it is depends on how busy
 * the machine is, which a unit test cannot know).
 */
final class TurnsTestSupport {
    private TurnsTestSupport() {
    }

    @FunctionalInterface
    interface Runs {
        Sample run(Job job) throws MeasurementException;
    }

    /** Below halfway to 2 cores, the bound of the parallelism claims: what taking turns must stay under. */
    static final double TAKING_TURNS_AT_MOST = 1.3;

    static void takingTurnsCountsAsOneCore(Runs runtime, String model, int workers, long iterations, Duration timeout)
            throws MeasurementException, IOException {
        String what = model + " at " + workers + " workers";
        Path folder = Files.createTempDirectory("turns");
        Path lock = folder.resolve("turn");
        double turnsParallelism;
        Object turnIntervals;
        try {
            Sample turns = runtime.run(new Job("integer_hash", model, workers, new WorkloadSize(12, iterations), timeout,
                    Map.of(Job.TURNS_LOCK, lock.toString())));
            assertFalse(Files.exists(lock), what + ": the last worker gave its turn back");
            assertEquals(IntegerHash.units(0, 12, iterations), turns.checksum(), what + " taking turns");
            List<long[]> intervals = intervals(turns, workers, what + " taking turns");
            intervals.sort(Comparator.comparingLong(i -> i[0]));
            for (int i = 1; i < intervals.size(); i++) {
                assertTrue(intervals.get(i)[0] >= intervals.get(i - 1)[1], what + ": took turns, yet worker intervals"
                        + " overlap: " + turns.details().get(Sample.WORK_INTERVALS));
            }
            turnsParallelism = turns.workParallelism();
            turnIntervals = turns.details().get(Sample.WORK_INTERVALS);
            assertTrue(turnsParallelism > 0 && turnsParallelism < TAKING_TURNS_AT_MOST, what + " taking turns:"
                    + " work_parallelism " + turnsParallelism + " should be about 1: " + turns.details());
        } finally {
            Files.deleteIfExists(lock);
            Files.delete(folder);
        }
        Sample honest = runtime.run(new Job("integer_hash", model, workers, new WorkloadSize(12, iterations), timeout));
        assertEquals(IntegerHash.units(0, 12, iterations), honest.checksum(), what);
        intervals(honest, workers, what);
        double p = honest.workParallelism();
        System.out.printf(java.util.Locale.ROOT, "%s: work_parallelism %.3f taking turns %s, %.3f as usual %s%n", what,
                turnsParallelism, turnIntervals, p, honest.details().get(Sample.WORK_INTERVALS));
        assertTrue(Double.isFinite(p) && p > 0 && p <= workers + 1e-9, what + ": work_parallelism " + p
                + " is not a number of cores between 0 and " + workers + ": " + honest.details());
    }

    /** Each worker's {start, end, cpu} as the sample recorded it; there must be one per worker. */
    private static List<long[]> intervals(Sample s, int workers, String what) {
        assertTrue(s.details().get(Sample.WORK_INTERVALS) instanceof List<?>, what + ": no "
                + Sample.WORK_INTERVALS + " in " + s.details());
        List<long[]> intervals = new ArrayList<>();
        for (Object interval : (List<?>) s.details().get(Sample.WORK_INTERVALS)) {
            List<?> values = (List<?>) interval;
            intervals.add(new long[] {((Number) values.get(0)).longValue(), ((Number) values.get(1)).longValue(),
                    ((Number) values.get(2)).longValue()});
        }
        assertTrue(intervals.size() == workers, what + ": " + intervals.size() + " intervals for " + workers
                + " workers");
        assertTrue(s.details().get(Sample.WORK_PARALLELISM) instanceof Number, what + ": no "
                + Sample.WORK_PARALLELISM + " in " + s.details());
        return intervals;
    }
}
