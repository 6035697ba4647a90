package concurrencyclaims.runtime;

/**
 * How much work: {@code units} independent units of {@code iterations} each. The units are split into equal
 * contiguous chunks, one per worker, so the total work (and the checksum) does not depend on the worker count.
 */
public record WorkloadSize(int units, long iterations) {
    /** 12 units split evenly over 1, 2, 3, 4, 6 and 12 workers. */
    public static final int DEFAULT_UNITS = 12;

    public WorkloadSize {
        if (units < 1 || iterations < 0) {
            throw new IllegalArgumentException("bad workload size: units=" + units + ", iterations=" + iterations);
        }
    }

    /** This size, calibrated to take {@code seconds}, grown to take {@code atLeastSeconds} when that is longer. */
    public WorkloadSize scaledTo(double seconds, Double atLeastSeconds) {
        if (atLeastSeconds == null || atLeastSeconds <= seconds) {
            return this;
        }
        return new WorkloadSize(units, Math.round(iterations * atLeastSeconds / seconds));
    }

    /** Half-open unit range {@code [from, to)} of worker {@code worker} among {@code workers}. */
    public int[] chunk(int worker, int workers) {
        if (units % workers != 0) {
            throw new IllegalArgumentException(units + " units cannot be split evenly over " + workers + " workers");
        }
        int per = units / workers;
        return new int[] {worker * per, (worker + 1) * per};
    }
}
