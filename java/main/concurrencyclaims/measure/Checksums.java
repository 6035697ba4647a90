package concurrencyclaims.measure;

import concurrencyclaims.runtime.WorkloadSize;
import concurrencyclaims.workloads.IntegerHash;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** The checksum every language must return for a workload and size, from the Java reference implementation. */
public final class Checksums {
    private static final Map<WorkloadSize, Long> INTEGER_HASH = new ConcurrentHashMap<>();

    private Checksums() {
    }

    public static OptionalLong expected(String workload, WorkloadSize size) {
        return switch (workload) {
            case IntegerHash.NAME -> OptionalLong.of(INTEGER_HASH.computeIfAbsent(size,
                    s -> IntegerHash.units(0, s.units(), s.iterations())));
            case "sleep_wait" -> OptionalLong.of(size.units());
            case "loop_blocking" -> OptionalLong.of(IntegerHash.unit(0, size.iterations()));
            default -> OptionalLong.empty();
        };
    }
}
