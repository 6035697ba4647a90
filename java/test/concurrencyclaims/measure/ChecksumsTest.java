package concurrencyclaims.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.FakeRuntime;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every sample's checksum is checked: against the Java implementation, or across languages where there is none. */
class ChecksumsTest {
    private static final FakeRuntime CPYTHON = new FakeRuntime("cpython-x", job -> null);
    private static final FakeRuntime NODE = new FakeRuntime("node", job -> null);
    private static final WorkloadSize SIZE = new WorkloadSize(12, 1000);

    private static Job job(String workload) {
        return new Job(workload, "threading", 2, SIZE, Duration.ofSeconds(10));
    }

    private static Sample returning(long checksum) {
        return new Sample(0.1, 0.1, checksum, -1, Map.of());
    }

    @Test
    void aWorkloadWithAJavaImplementationIsCheckedAgainstIt() throws MeasurementException {
        Checksums checksums = new Checksums();
        long right = IntegerHash.units(0, 12, 1000);
        assertEquals("java", checksums.check(CPYTHON, job("integer_hash"), returning(right)).source());
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> checksums.check(CPYTHON, job("integer_hash"), returning(right + 1)));
        assertTrue(e.getMessage().contains("checksum mismatch in workload integer_hash: cpython-x threading returned"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the Java implementation java/main/concurrencyclaims/workloads/IntegerHash.java,"
                + " gives " + right), e.getMessage());
    }

    @Test
    void oneWithoutIsCheckedAgainstTheFirstRuntimeThatRanIt() throws MeasurementException {
        Checksums checksums = new Checksums();
        Checksums.Reference first = checksums.check(NODE, job("loop_blocking"), returning(42));
        assertTrue(first.source().startsWith("node (the first runtime to run it"), first.source());
        assertEquals(first, checksums.check(CPYTHON, job("loop_blocking"), returning(42)));
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> checksums.check(CPYTHON, job("loop_blocking"), returning(43)));
        assertTrue(e.getMessage().contains("the reference, node (the first runtime"), e.getMessage());
    }
}
