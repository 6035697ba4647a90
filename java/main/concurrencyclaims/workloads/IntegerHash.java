package concurrencyclaims.workloads;

/**
 * CPU-bound integer workload, written with the same algorithm in {@code python/workloads/integer_hash.py} and
 * {@code js/workloads/integer_hash.js}. Each unit runs a 31-bit linear congruential chain seeded by its index and folds
 * it into an accumulator. Every intermediate value stays below 2^32, so Java ints, Python ints masked to 31 bits and
 * JavaScript numbers via {@code Math.imul} agree bit for bit; the chain's data dependency keeps any JIT from collapsing
 * the loop. A unit's result is below 2^31 and the checksum is the sum over units, exact in a JS number.
 */
public final class IntegerHash extends ChunkedWorkload {
    public static final String NAME = "integer_hash";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sizedByTime() {
        return true;
    }

    @Override
    protected long units(int from, int to, long iterations, java.util.Map<String, String> parameters) {
        return units(from, to, iterations);
    }

    public static long unit(int index, long iterations) {
        int s = index + 1;
        int acc = 0;
        for (long i = 0; i < iterations; i++) {
            s = (s * 1103515245 + 12345) & 0x7FFFFFFF;
            acc = (acc + (s >>> 16)) & 0x7FFFFFFF;
        }
        return acc ^ s;
    }

    /** Sum of the results of units {@code [from, to)}. */
    public static long units(int from, int to, long iterations) {
        long sum = 0;
        for (int u = from; u < to; u++) {
            sum += unit(u, iterations);
        }
        return sum;
    }
}
