package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaRuntimeTest {
    private static final WorkloadSize SMALL = new WorkloadSize(12, 100_000);
    /** Long enough (tens of ms) for the process CPU clock to register it. */
    private static final WorkloadSize MEDIUM = new WorkloadSize(12, 4_000_000);
    private final JavaRuntime java = new JavaRuntime();

    @Test
    void referenceValuesAreStable() {
        // The same numbers are asserted in python/test_integer_hash.py and the JS tests: all three must agree.
        assertEquals(78, IntegerHash.units(0, 12, 0));
        assertEquals(8764937436L, IntegerHash.units(0, 12, 1));
        assertEquals(11408787911L, IntegerHash.units(0, 12, 1000));
        assertEquals(13613363936L, IntegerHash.units(0, 12, 100_000));
    }

    @ParameterizedTest
    @CsvSource({"sequential,1", "platform-threads,2", "platform-threads,3", "virtual-threads,12", "child-processes,2"})
    void everyModelReturnsTheReferenceChecksum(String model, int workers) throws MeasurementException {
        Sample s = java.run(new Job(IntegerHash.NAME, model, workers, MEDIUM, Duration.ofSeconds(60)));
        assertEquals(IntegerHash.units(0, 12, MEDIUM.iterations()), s.checksum());
        assertTrue(s.wallSeconds() > 0 && s.cpuSeconds() > 0, s.toString());
    }

    @Test
    void workMustSplitEvenly() {
        assertThrows(IllegalArgumentException.class,
                () -> java.run(new Job(IntegerHash.NAME, "platform-threads", 5, SMALL, Duration.ofSeconds(10))));
    }

    @Test
    void anUnknownModelNamesTheKnownOnes() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> java.run(new Job(IntegerHash.NAME, "fibers", 2, SMALL, Duration.ofSeconds(10))));
        assertTrue(e.getMessage().contains("platform-threads"), e.getMessage());
    }
}
