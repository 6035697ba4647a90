package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standalone node through ChildProcess: hazards become one-line errors, every model gives the right checksum. */
class NodeRuntimeTest {
    private static NodeRuntime node;

    @BeforeAll
    static void find() {
        node = (NodeRuntime) NodeRuntime.discover(JsTestSupport.projectRoot()).getFirst();
        assumeTrue(node.unavailableReason().isEmpty(), () -> "skipped: " + node.unavailableReason().get());
    }

    private static MeasurementException hazard(String fixture, Duration timeout) throws MeasurementException {
        MeasurementException e = assertThrows(MeasurementException.class, () -> node.run(
                JsTestSupport.job(fixture, "event-loop", 1, 1, 1, timeout), JsTestSupport.fixture(fixture)));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        Sample s = node.run(JsTestSupport.job("integer_hash", "child-processes", 2, 12, 1000, Duration.ofSeconds(60)));
        assertEquals(IntegerHash.units(0, 12, 1000), s.checksum());
        return e;
    }

    @Test
    void describesItself() {
        assertTrue(node.describe().get("node_version").toString().startsWith("v"), node.describe().toString());
        assertEquals("--no-maglev", node.describe().get("v8_flags"));
    }

    @Test
    void hazardsAreErrors() throws MeasurementException {
        assertTrue(hazard("calls_process_exit", Duration.ofSeconds(30)).getMessage().contains("process.exit(3)"));
        assertTrue(hazard("throws_in_timer", Duration.ofSeconds(30)).getMessage().contains("boom from a timer"));
        assertTrue(hazard("leaves_interval", Duration.ofSeconds(30)).getMessage().contains("timer(s) running"));
        String timedOut = hazard("never_finishes", Duration.ofSeconds(2)).getMessage();
        assertTrue(timedOut.contains("did not finish within"), timedOut);
        assertTrue(MeasurementException.isTimeout(timedOut), "the sweep reads it as a stop for time");
    }

    @Test
    void everyModelMatchesJava() throws MeasurementException {
        for (String model : NodeRuntime.MODELS) {
            Sample s = node.run(JsTestSupport.job("integer_hash", model, 2, 12, 1000, Duration.ofSeconds(60)));
            assertEquals(IntegerHash.units(0, 12, 1000), s.checksum(), model);
            assertTrue(s.cpuSeconds() > 0 && s.wallSeconds() > 0, s.toString());
        }
    }

    @Test
    void childProcessesCountTheirCpu() throws MeasurementException {
        Sample s = node.run(JsTestSupport.job("integer_hash", "child-processes", 2, 2, 20_000_000, Duration.ofSeconds(60)));
        assertTrue(s.cpuSeconds() > 0.05, "children's CPU counted: " + s);
    }
}
