package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Embedded Node: the hazards that would end or hang the JVM become errors, and the next measurement is healthy. */
class JavetRuntimeTest {
    private static JavetRuntime javet;

    @BeforeAll
    static void start() {
        javet = (JavetRuntime) JavetRuntime.discover(JsTestSupport.projectRoot()).getFirst();
        assertTrue(javet.unavailableReason().isEmpty(), () -> javet.unavailableReason().get());
    }

    @AfterAll
    static void stop() {
        javet.close();
    }

    private static MeasurementException hazard(String fixture, Duration timeout) {
        MeasurementException e = assertThrows(MeasurementException.class, () -> javet.run(
                JsTestSupport.job(fixture, "event-loop", 1, 1, 1, timeout), JsTestSupport.fixture(fixture)));
        assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        healthyAfterwards();
        return e;
    }

    private static void healthyAfterwards() {
        try {
            for (String model : JavetRuntime.MODELS) {
                Sample s = javet.run(JsTestSupport.job("integer_hash", model, 2, 12, 1000, Duration.ofSeconds(60)));
                assertEquals(IntegerHash.units(0, 12, 1000), s.checksum(), model);
            }
        } catch (MeasurementException e) {
            throw new AssertionError("the next measurement failed: " + e.getMessage(), e);
        }
    }

    @Test
    void processExitIsAnErrorNotTheEndOfTheJvm() {
        MeasurementException e = hazard("calls_process_exit", Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains("process.exit(3)"), e.getMessage());
    }

    @Test
    void exceptionInATimerIsAnError() {
        MeasurementException e = hazard("throws_in_timer", Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains("uncaught exception") && e.getMessage().contains("boom from a timer"),
                e.getMessage());
    }

    @Test
    void intervalLeftRunningIsAnErrorAndDoesNotHang() {
        MeasurementException e = hazard("leaves_interval", Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains("timer(s) running"), e.getMessage());
    }

    @Test
    void workThatNeverFinishesTimesOut() {
        long t0 = System.nanoTime();
        MeasurementException e = hazard("never_finishes", Duration.ofSeconds(2));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertTrue(MeasurementException.isTimeout(e.getMessage()), "the sweep reads it as a stop for time");
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "stopped promptly");
    }

    @Test
    void spinningWorkersTimeOut() {
        MeasurementException e = assertThrows(MeasurementException.class, () -> javet.run(
                JsTestSupport.job("integer_hash", "worker-threads", 2, 2, 50_000_000_000L, Duration.ofSeconds(2))));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertTrue(MeasurementException.isTimeout(e.getMessage()), "the sweep reads it as a stop for time");
        healthyAfterwards();
    }

    @Test
    void unsupportedCombinationsSaySo() {
        MeasurementException e = assertThrows(MeasurementException.class, () -> javet.run(
                JsTestSupport.job("integer_hash", "child-processes", 2, 12, 10, Duration.ofSeconds(10))));
        assertTrue(e.getMessage().contains("not supported by javet"), e.getMessage());
        e = assertThrows(MeasurementException.class, () -> javet.run(
                JsTestSupport.job("no_such_workload", "event-loop", 1, 12, 10, Duration.ofSeconds(10))));
        assertTrue(e.getMessage().contains("create js/workloads/no_such_workload.js"), e.getMessage());
    }

    @Test
    void experimentWorkloads() throws MeasurementException {
        Sample sleep = javet.run(JsTestSupport.job("sleep_wait", "event-loop", 1, 8, 200, Duration.ofSeconds(30)));
        assertEquals(8, sleep.checksum());
        assertTrue(sleep.wallSeconds() < 0.2 * 3, "8 concurrent waits of 200 ms: " + sleep.wallSeconds());

        Sample block = javet.run(JsTestSupport.job("loop_blocking", "event-loop", 1, 1, 30_000_000, Duration.ofSeconds(30)));
        assertEquals(IntegerHash.unit(0, 30_000_000), block.checksum());
        double burn = ((Number) block.details().get("burn_ms")).doubleValue();
        double late = ((Number) block.details().get("timer_late_ms")).doubleValue();
        assertTrue(late >= burn, "timer waited for the burn: " + block.details());

        Sample copy = javet.run(JsTestSupport.job("message_copy", "worker-threads", 1, 1, 1, Duration.ofSeconds(30)));
        assertEquals(false, copy.details().get("worker_saw_main_mutation"));
        assertEquals(false, copy.details().get("main_saw_worker_mutation"));

        Sample counter = javet.run(JsTestSupport.job("shared_counter", "workers-shared-memory", 2, 1, 1_000_000,
                Duration.ofSeconds(60)));
        Map<String, Object> d = counter.details();
        assertEquals(2_000_000L, d.get("expected"));
        assertEquals(2_000_000L, d.get("exact_total"));
        assertEquals(2_000_000L, counter.checksum());
        assertTrue(((Number) d.get("racy_total")).longValue() <= 2_000_000L, d.toString());
    }

    @Test
    void describesFlagsAndVersion() {
        Map<String, Object> d = javet.describe();
        assertEquals("v24.14.1", d.get("node_version"));
        assertEquals("--no-maglev", d.get("v8_flags"));
    }
}
