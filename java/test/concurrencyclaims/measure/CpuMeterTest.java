package concurrencyclaims.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** What the harness counts as a sample's own CPU, so that only the rest is another process's. */
class CpuMeterTest {
    /** Other test classes start children too, which this JVM reaps: none may run beside it. */
    @ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
    @Test
    void aChildsWholeCpuIsCountedOnceItHasBeenWaitedFor() throws Exception {
        double before = CpuMeter.reapedChildrenCpuSeconds();
        // A child and its grandchild spin for 0.3 s each, one after the other; the child waits for the grandchild.
        Process child = new ProcessBuilder("sh", "-c",
                "spin() { end=$(( $(date +%s%N) + 300000000 )); while [ $(date +%s%N) -lt $end ]; do :; done; };"
                        + " (spin) ; spin").start();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the spinning child did not finish");
        double spent = CpuMeter.reapedChildrenCpuSeconds() - before;
        assertTrue(spent >= 0.4 && spent < 5, "children's CPU counted: " + spent + " s (expected about 0.6)");
    }
}
