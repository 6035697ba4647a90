package concurrencyclaims.lab;

/**
 * What a lab gives the student's Java code (the child JVM's class path holds it; {@code import
 * concurrencyclaims.lab.Labkit;}): {@link #tick()}, the amount each update of a shared counter adds. Each thread that
 * calls it gets a stream of its own of whole numbers 1 to 16, numbered in the order of the threads' first calls and
 * seeded from a seed the harness draws for every sample, so that only doing every update gives the total the harness
 * computes ({@link #expectedTotal}). The same generator as python/labkit.py's tick(), value for value.
 */
public final class Labkit {
    static final long MULTIPLIER = 6364136223846793005L;
    static final long INCREMENT = 1442695040888963407L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static final Object LOCK = new Object();
    private static long seed;
    private static int streams;
    /** Replaced at each reset, so that no thread keeps a stream of an earlier call. */
    private static volatile ThreadLocal<long[]> local = newLocal();

    private Labkit() {
    }

    /** The next amount of this thread's stream, 1 to 16. */
    public static long tick() {
        long[] state = local.get();
        long next = state[0] * MULTIPLIER + INCREMENT;
        state[0] = next;
        return (next >>> 60) + 1;
    }

    /** Starts every stream anew from {@code newSeed}: called by the lab's driver before each call, never by students. */
    static void reset(long newSeed) {
        synchronized (LOCK) {
            seed = newSeed;
            streams = 0;
            local = newLocal();
        }
    }

    private static ThreadLocal<long[]> newLocal() {
        return ThreadLocal.withInitial(() -> {
            synchronized (LOCK) {
                return new long[] {streamStart(seed, streams++)};
            }
        });
    }

    /** The state stream {@code index} starts from: splitmix64 of the seed and the index (cheap, well mixed). */
    static long streamStart(long seed, int index) {
        long z = seed + GOLDEN * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The first {@code count} values of stream {@code index} for {@code seed}. */
    static long[] values(long seed, int index, int count) {
        long[] values = new long[count];
        long state = streamStart(seed, index);
        for (int i = 0; i < count; i++) {
            state = state * MULTIPLIER + INCREMENT;
            values[i] = (state >>> 60) + 1;
        }
        return values;
    }

    /** The exact total of {@code workers} threads each adding {@code increments} ticks of its own stream. */
    static long expectedTotal(long seed, int workers, long increments) {
        long total = 0;
        for (int w = 0; w < workers; w++) {
            long state = streamStart(seed, w);
            for (long i = 0; i < increments; i++) {
                state = state * MULTIPLIER + INCREMENT;
                total += (state >>> 60) + 1;
            }
        }
        return total;
    }
}
