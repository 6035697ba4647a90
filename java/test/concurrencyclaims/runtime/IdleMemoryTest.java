package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The idle_memory workload in every language: a worker's memory by PSS. These read this JVM's memory, or a Python
 * tree's PSS, which a process started beside it lowers by sharing libpython's pages (a thread pool measured -85 KiB
 * per worker once): no other test class runs beside this one. (A class-level lock: a method's global lock would hold
 * its whole class, other tests and all, apart from the rest.)
 */
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
class IdleMemoryTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Sample run(Runtime runtime, String model, int workers) throws MeasurementException {
        return runtime.run(new Job("idle_memory", model, workers, new WorkloadSize(1, 0), TIMEOUT, Map.of()));
    }

    @Test
    void aChildJvmCostsMoreThanAThreadAndAVirtualThreadLess() throws MeasurementException {
        JavaRuntime java = new JavaRuntime();
        Sample platform = run(java, "platform-threads", 200);
        Sample virtual = run(java, "virtual-threads", 2000);
        Sample child = run(java, "child-processes", 2);
        double platformPss = platform.figure("pss_kib_per_worker");
        double virtualPss = virtual.figure("pss_kib_per_worker");
        double childPss = child.figure("pss_kib_per_worker");
        assertTrue(platformPss > 0, platform.details().toString());
        // A virtual thread lives in the heap, whose pages are mostly touched already: its cost is near the noise.
        assertTrue(virtualPss < platformPss, "virtual " + virtualPss + " KiB vs platform thread " + platformPss + " KiB");
        assertTrue(childPss > 0, child.details().toString());
        assertTrue(childPss > platformPss, "child " + childPss + " KiB vs platform thread " + platformPss + " KiB");
        assertTrue(child.figure("rss_kib_per_worker") > platform.figure("rss_kib_per_worker"));
        assertEquals(3, child.figure("processes_during"), "this JVM and its two children: " + child.details());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIdlePythonProcessCostsMoreThanAnIdleThread() throws MeasurementException {
        CPythonRuntime python = CPythonRuntime.probe(ChildProcessTest.PYTHON, ROOT);
        assumeTrue(python.unavailableReason().isEmpty(), () -> "no CPython here: " + python.unavailableReason().get());
        int workers = 4;
        double threadPss = Double.NaN;
        double spawnPss = Double.NaN;
        List<String> models = ((Map<String, List<String>>) python.describe().get("workload_models")).get("idle_memory");
        for (String model : models) {
            Sample s = python.run(new Job("idle_memory", model, workers, new WorkloadSize(12, 0), TIMEOUT, Map.of()));
            double pss = s.figure("pss_kib_per_worker");
            assertTrue(pss > 0 && s.figure("rss_kib_per_worker") > 0, model + ": " + s.details());
            if (model.equals("threading")) {
                threadPss = pss;
            } else if (model.equals("multiprocessing-spawn")) {
                spawnPss = pss;
            }
            if (model.startsWith("multiprocessing-") || model.equals("process-pool")) {
                assertTrue(s.figure("processes_measured") > workers, model + ": " + s.details());
            }
        }
        assertTrue(spawnPss > threadPss, "spawn " + spawnPss + " KiB vs threading " + threadPss + " KiB per worker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void idleJsWorkersCostMemory(String kind) throws MeasurementException {
        Runtime js = kind.equals(NodeRuntime.KIND) ? NodeRuntime.discover(JsTestSupport.projectRoot()).getFirst()
                : JavetRuntime.discover(JsTestSupport.projectRoot()).getFirst();
        try {
            assumeTrue(js.unavailableReason().isEmpty(), () -> "skipped: " + kind + ": " + js.unavailableReason().get());
            Sample threads = run(js, "worker-threads", 4);
            assertTrue(threads.figure("pss_kib_per_worker") > 0, threads.details().toString());
            assertTrue(threads.figure("rss_kib_per_worker") > 0, threads.details().toString());
            assertEquals(0, threads.checksum());
        } finally {
            js.close();
        }
    }
}
