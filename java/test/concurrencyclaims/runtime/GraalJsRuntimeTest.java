package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GraalJS in this JVM: models, the single-thread rule of a Context, timeouts, and an honest mode in every Sample. */
class GraalJsRuntimeTest {
    private static GraalJsRuntime graal;

    @BeforeAll
    static void start() {
        graal = (GraalJsRuntime) GraalJsRuntime.discover(JsTestSupport.projectRoot()).getFirst();
        assertTrue(graal.unavailableReason().isEmpty(), () -> graal.unavailableReason().get());
    }

    @AfterAll
    static void stop() {
        graal.close();
    }

    @Test
    void modeIsReportedAndMatchesTheJvm() throws MeasurementException {
        Sample s = graal.run(JsTestSupport.job("integer_hash", "single-context", 1, 12, 1000, Duration.ofSeconds(60)));
        assertEquals(graal.jit() ? "jit" : "interpreter", s.details().get("graaljs_mode"));
        assertEquals(graal.jit(), graal.describe().get("jit"));
        if ("ok".equals(System.getProperty("graaljs.jit.probe"))) {
            assertTrue(graal.jit(), "the build probe enabled the optimizing runtime, the engine must use it: "
                    + graal.describe());
        }
    }

    @Test
    void contextRefusesASecondThread() throws MeasurementException {
        Sample s = graal.run(JsTestSupport.job("context_single_thread", "single-context", 1, 1, 1, Duration.ofSeconds(30)));
        assertEquals(IllegalStateException.class.getName(), s.details().get("exception_type"), s.details().toString());
        assertTrue(s.details().get("exception_message").toString().contains("Multi threaded access"), s.toString());
        assertEquals(0, s.checksum());
    }

    @Test
    void bothModelsMatchJava() throws MeasurementException {
        for (String model : GraalJsRuntime.MODELS) {
            for (int workers : new int[] {1, 2, 4}) {
                Sample s = graal.run(JsTestSupport.job("integer_hash", model, workers, 12, 1000, Duration.ofSeconds(60)));
                assertEquals(IntegerHash.units(0, 12, 1000), s.checksum(), model + " " + workers);
            }
        }
    }

    @Test
    void timeoutCancelsAndTheNextMeasurementWorks() throws MeasurementException {
        for (String model : GraalJsRuntime.MODELS) {
            long t0 = System.nanoTime();
            MeasurementException e = assertThrows(MeasurementException.class, () -> graal.run(JsTestSupport.job(
                    "integer_hash", model, 2, 2, 100_000_000_000L, Duration.ofSeconds(2))));
            assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
            assertTrue(MeasurementException.isTimeout(e.getMessage()), "the sweep reads it as a stop for time");
            assertTrue((System.nanoTime() - t0) / 1e9 < 20, "cancelled promptly");
            Sample s = graal.run(JsTestSupport.job("integer_hash", model, 2, 12, 1000, Duration.ofSeconds(60)));
            assertEquals(IntegerHash.units(0, 12, 1000), s.checksum());
        }
    }

    @Test
    void aFreshContextIsCreatedInsideTheTimedPartAndNeverPooled() throws MeasurementException {
        Job fresh = new Job("integer_hash", "contexts", 2, new WorkloadSize(12, 1000), Duration.ofSeconds(60),
                java.util.Map.of("context", "fresh"));
        Sample s = graal.run(fresh);
        assertEquals(IntegerHash.units(0, 12, 1000), s.checksum());
        assertEquals("fresh", s.details().get("context"));
        double create = ((Number) s.details().get("context_create_s")).doubleValue();
        assertTrue(create > 0 && create <= s.wallSeconds(), s.toString());
        assertEquals("pooled", graal.run(JsTestSupport.job("integer_hash", "contexts", 2, 12, 1000,
                Duration.ofSeconds(60))).details().get("context"));
        MeasurementException e = assertThrows(MeasurementException.class, () -> graal.run(new Job("integer_hash",
                "contexts", 1, new WorkloadSize(12, 1), Duration.ofSeconds(5), java.util.Map.of("context", "recycled"))));
        assertTrue(e.getMessage().contains("unknown context 'recycled' (known: pooled, fresh)"), e.getMessage());
    }

    @Test
    void unsupportedWorkloadSaysSo() {
        MeasurementException e = assertThrows(MeasurementException.class, () -> graal.run(
                JsTestSupport.job("message_copy", "contexts", 1, 1, 1, Duration.ofSeconds(5))));
        assertTrue(e.getMessage().contains("message_copy does not declare the model contexts"), e.getMessage());
        MeasurementException missing = assertThrows(MeasurementException.class, () -> graal.run(
                JsTestSupport.job("no_such_workload", "contexts", 1, 1, 1, Duration.ofSeconds(5))));
        assertTrue(missing.getMessage().contains("create js/workloads/no_such_workload.js"), missing.getMessage());
    }

    /** The turn-taking mutant: contexts on threads that take turns are one core busy at a time (TurnsTestSupport). */
    @Test
    void contextsTakingTurnsCountAsOneCore() throws Exception {
        for (int workers : new int[] {2, 3}) {
            TurnsTestSupport.takingTurnsCountsAsOneCore(graal::run, "contexts", workers, 2_000_000,
                    Duration.ofSeconds(120));
        }
    }
}
