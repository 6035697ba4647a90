package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractiveChildTest {
    @Test
    void aSilentChildIsKilledAtTheTimeoutWithItsDescendants() throws Exception {
        try (InteractiveChild child = InteractiveChild.start("silent child",
                List.of("sh", "-c", "echo started >&2; sleep 60 & sleep 60; wait"), Duration.ofSeconds(1))) {
            Thread.sleep(300);
            List<ProcessHandle> descendants = ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();
            assertFalse(descendants.isEmpty(), "the shell started its sleeps");
            long start = System.nanoTime();
            MeasurementException e = assertThrows(MeasurementException.class, child::readLine);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "killed at the timeout");
            assertTrue(e.getMessage().startsWith("silent child ended its output early and was killed"), e.getMessage());
            assertTrue(e.getMessage().endsWith("stderr ends with: started"), e.getMessage());
            // A killed orphan stays a zombie (alive to ProcessHandle) until PID 1 reaps it, which can take a second.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (descendants.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            for (ProcessHandle d : descendants) {
                assertFalse(d.isAlive(), "descendant " + d.pid() + " is dead");
            }
        }
    }

    @Test
    void aFailingChildReportsItsExitCodeAndStderr() throws Exception {
        try (InteractiveChild child = InteractiveChild.start("failing child",
                List.of("sh", "-c", "echo ready; read line; echo \"got $line\"; echo broken >&2; exit 3"),
                Duration.ofSeconds(10))) {
            child.expectLine("ready");
            child.write("ping\n".getBytes());
            assertEquals("got ping", child.readLine());
            MeasurementException e = assertThrows(MeasurementException.class, child::finish);
            assertEquals("failing child failed with exit code 3; stderr ends with: broken", e.getMessage());
        }
    }
}
