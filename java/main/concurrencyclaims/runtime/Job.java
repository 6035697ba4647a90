package concurrencyclaims.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * One measurement request: run {@code workload} of {@code size} under {@code model} with {@code workers} workers.
 * {@code parameters} are what a workload needs from the harness beyond its size, e.g. {@code echo_port} for tcp_echo.
 */
public record Job(String workload, String model, int workers, WorkloadSize size, Duration timeout,
                  Map<String, String> parameters) {
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
