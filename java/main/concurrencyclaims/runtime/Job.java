package concurrencyclaims.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * One measurement request: run {@code workload} of {@code size} under {@code model} with {@code workers} workers.
 * {@code parameters} are what a workload needs from the harness beyond its size, e.g. {@code echo_port} for tcp_echo.
 */
public record Job(String workload, String model, int workers, WorkloadSize size, Duration timeout,
                  Map<String, String> parameters) {
    /**
     * Test-only parameter, the mutant that proves the parallelism judge: a path where no file is. When given, every
     * worker that times its own work takes an exclusive turn before reading its start time, by creating this
     * directory, and removes it after reading its end time, so the workers run one after another and wait outside
     * their own timing ({@link TakingTurns}; the Python and JS drivers do the same). Never set by a claim.
     */
    public static final String TURNS_LOCK = "turns_lock";

    public Job {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public Job(String workload, String model, int workers, WorkloadSize size, Duration timeout) {
        this(workload, model, workers, size, timeout, Map.of());
    }

    /** A parameter the workload cannot run without; the message says which workload wanted it. */
    public String parameter(String name) throws MeasurementException {
        String value = parameters.get(name);
        if (value == null) {
            throw new MeasurementException(workload + " needs the parameter '" + name + "', which the harness did not give");
        }
        return value;
    }

    public String describe() {
        return workload + " · " + model + " · " + workers + (workers == 1 ? " worker" : " workers");
    }
}
