package concurrencyclaims.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The races lab's ticks: Java's Labkit and python/labkit.py give the same streams, which the expected total sums. */
class LabkitTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    private static final long[] SEEDS = {0, 123, 4_611_686_018_427_387_903L, 9_223_372_036_854_775_807L};

    @Test
    void aFixedVector() {
        assertArrayEquals(new long[] {11, 14, 1, 8, 12, 1, 5, 10, 10, 13}, Labkit.values(123, 0, 10));
        assertArrayEquals(new long[] {8, 1, 1, 8, 16, 7, 11, 6, 6, 14}, Labkit.values(123, 1, 10));
    }

    @Test
    void pythonsStreamsAreJavas() throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("import labkit\n");
        for (long seed : SEEDS) {
            for (int index = 0; index < 3; index++) {
                script.append("print(' '.join(map(str, labkit.values(").append(seed).append(", ").append(index)
                        .append(", 1000))))\n");
            }
        }
        ProcessBuilder builder = new ProcessBuilder("python3", "-E", "-s", "-c", script.toString())
                .directory(ROOT.resolve("python").toFile()).redirectErrorStream(true);
        Process python = builder.start();
        List<String> lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), String.join("\n", lines));
        int line = 0;
        for (long seed : SEEDS) {
            for (int index = 0; index < 3; index++) {
                long[] fromPython = Arrays.stream(lines.get(line++).split(" ")).mapToLong(Long::parseLong).toArray();
                assertArrayEquals(Labkit.values(seed, index, 1000), fromPython, "seed " + seed + ", stream " + index);
            }
        }
    }

    @Test
    void theExpectedTotalSumsEveryStreamAndChangesWithTheSeed() {
        long total = 0;
        for (int w = 0; w < 3; w++) {
            total += Arrays.stream(Labkit.values(42, w, 5000)).sum();
        }
        assertEquals(total, Labkit.expectedTotal(42, 3, 5000));
        Set<Long> totals = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            totals.add(Labkit.expectedTotal(seed, 2, 1000));
        }
        assertTrue(totals.size() > 40, "totals of different seeds should differ: " + totals);
        for (long value : Labkit.values(7, 0, 10_000)) {
            assertTrue(value >= 1 && value <= 16, "a tick of " + value);
        }
    }

    @Test
    void threadsTickTheirOwnStreamsFromTheSeed() throws InterruptedException {
        Labkit.reset(99);
        long[][] seen = new long[2][];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int me = t;
            threads.add(Thread.ofPlatform().start(() -> {
                long[] values = new long[100];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Labkit.tick();
                }
                seen[me] = values;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Set<String> streams = Set.of(Arrays.toString(Labkit.values(99, 0, 100)), Arrays.toString(Labkit.values(99, 1, 100)));
        assertEquals(streams, Set.of(Arrays.toString(seen[0]), Arrays.toString(seen[1])));
        Labkit.reset(99);
        assertEquals(Labkit.values(99, 0, 1)[0], Labkit.tick(), "a reset starts the streams anew, this thread's too");
    }
}
