package concurrencyclaims.runtime;

import java.time.Duration;

/** One measurement request: run {@code workload} of {@code size} under {@code model} with {@code workers} workers. */
public record Job(String workload, String model, int workers, WorkloadSize size, Duration timeout) {
    public Job {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
    }

    public String describe() {
        return workload + " · " + model + " · " + workers + (workers == 1 ? " worker" : " workers");
    }
}
