package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Python driver against the Java reference: same checksum in every model, clear errors otherwise. */
class CPythonRuntimeTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final WorkloadSize SMALL = new WorkloadSize(12, 2000);
    private static CPythonRuntime python;

    @BeforeAll
    static void probe() {
        python = CPythonRuntime.probe(ChildProcessTest.PYTHON, ROOT);
        assumeTrue(python.unavailableReason().isEmpty(), () -> "no CPython here: " + python.unavailableReason().get());
    }

    @AfterAll
    static void close() {
        python.close();
    }

    @Test
    void everyModelReturnsTheJavaChecksum() throws MeasurementException {
        long expected = IntegerHash.units(0, SMALL.units(), SMALL.iterations());
        assertTrue(python.models().containsAll(java.util.List.of("sequential", "threading", "process-pool")), python.models().toString());
        for (String model : python.models()) {
            int workers = model.equals("sequential") ? 1 : 2;
            Sample s = python.run(new Job("integer_hash", model, workers, SMALL, Duration.ofSeconds(60)));
            assertEquals(expected, s.checksum(), model);
            assertTrue(s.wallSeconds() > 0 && s.cpuSeconds() > 0, model + ": " + s);
        }
    }

    /**
     * Every sample is a copy of an interpreter that has imported the driver and nothing else: what a run imports
     * before its timed part (its workload, asyncio) is paid by every sample.
     */
    @Test
    void aRunImportsOnlyItsOwnWorkloadAndAsyncioOnlyForTheAsyncioModel() throws MeasurementException {
        assertEquals("[workloads.integer_hash]", importedBy("integer_hash", "threading", 2));
        assertEquals("[asyncio, workloads.sleep_wait]", importedBy("sleep_wait", "asyncio", 1));
    }

    private static String importedBy(String workload, String model, int workers) throws MeasurementException {
        String script = "import contextlib, io, sys; sys.path.insert(0, sys.argv[1]); import driver;"
                + " before = set(sys.modules); out = io.StringIO()\n"
                + "with contextlib.redirect_stdout(out): driver.main(['run', '--workload', sys.argv[2], '--model',"
                + " sys.argv[3], '--workers', sys.argv[4], '--units', '2', '--iterations', '1'])\n"
                + "print(sorted(m for m in set(sys.modules) | before"
                + " if m == 'asyncio' or m.startswith('workloads.') and m != 'workloads.common'))";
        ChildProcess.Result result = ChildProcess.of("python imports", java.util.List.of(python.executable(), "-E", "-s",
                "-c", script, ROOT.resolve("python").toString(), workload, model, Integer.toString(workers)))
                .withEnvironment(python.environment()).timeout(Duration.ofSeconds(60)).run();
        return result.stdout().strip().replace("'", "");
    }

    /**
     * Every sample runs in a forked copy of one interpreter kept for the run, which itself runs nothing: a sample
     * pays no start-up, and nothing one sample does (a forkserver started, a switch interval set) is there for the
     * next. A workload that measures its whole process gets an interpreter started for it.
     */
    @Test
    void everySampleIsAForkedCopyOfAKeptInterpreterThatRunsNothingItself() throws MeasurementException {
        Sample first = python.run(new Job("integer_hash", "multiprocessing-forkserver", 2, SMALL, Duration.ofSeconds(60)));
        long server = python.keptInterpreterPid().orElseThrow();
        Sample second = python.run(new Job("integer_hash", "threading", 2, SMALL, Duration.ofSeconds(60)));
        assertEquals("forked from the kept one", first.details().get("interpreter"));
        assertEquals("forked from the kept one", second.details().get("interpreter"));
        assertEquals(server, python.keptInterpreterPid().orElseThrow(), "the same interpreter forked both");
        // Threads: all their CPU is the copy's (a forkserver's workers are not its descendants, their CPU is apart).
        assertTrue(second.figure(Sample.PROCESS_CPU) >= second.cpuSeconds(), "the whole copy's CPU, the run's within"
                + " it: " + second.details() + ", run " + second.cpuSeconds());
        assertEquals(java.util.List.of(), descendantsLeftAfterAWhile(server), "the first sample's forkserver went with it");
        Sample memory = python.run(new Job("idle_memory", "threading", 2, new WorkloadSize(2, 0), Duration.ofSeconds(60)));
        assertFalse(memory.details().containsKey("interpreter"), memory.details().toString());
        assertEquals(server, python.keptInterpreterPid().orElseThrow());
    }

    /** The command lines of {@code pid}'s descendants still there after up to 5 s (a forkserver ends on its own). */
    private static java.util.List<String> descendantsLeftAfterAWhile(long pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        java.util.List<String> left;
        do {
            left = ProcessHandle.of(pid).orElseThrow().descendants().filter(ProcessHandle::isAlive)
                    .map(p -> p.info().commandLine().orElse("?")).toList();
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleptBriefly());
        return left;
    }

    private static boolean sleptBriefly() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A run that fails ends the kept interpreter; the next sample starts another, with one clear line in between. */
    @Test
    void aFailedRunInTheKeptInterpreterIsOneLineAndTheNextRunStartsAnother() throws MeasurementException {
        python.run(new Job("integer_hash", "threading", 2, SMALL, Duration.ofSeconds(60)));
        long server = python.keptInterpreterPid().orElseThrow();
        MeasurementException e = assertThrows(MeasurementException.class, () -> python.run(new Job("tcp_echo",
                "threading", 2, SMALL, Duration.ofSeconds(60), java.util.Map.of("echo_port", "1"))));
        assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
        Sample after = python.run(new Job("integer_hash", "threading", 2, SMALL, Duration.ofSeconds(60)));
        assertEquals(IntegerHash.units(0, SMALL.units(), SMALL.iterations()), after.checksum());
        assertTrue(python.keptInterpreterPid().orElseThrow() != server, "a new interpreter after the failed run");
    }

    @Test
    void describesItself() {
        assertTrue(python.id().startsWith("cpython-3."), python.id());
        assertTrue(python.describe().containsKey("gil_enabled"), python.describe().toString());
    }

    @Test
    void anUnknownModelIsOneClearLine() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> python.run(new Job("integer_hash", "green-threads", 2, SMALL, Duration.ofSeconds(30))));
        assertTrue(e.getMessage().contains("green-threads"), e.getMessage());
        assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
    }

    @Test
    void aMissingInterpreterIsUnavailableWithWhatToDo() {
        CPythonRuntime missing = CPythonRuntime.probe("/nonexistent/python3", ROOT);
        assertEquals("no Python interpreter '/nonexistent/python3' found: install CPython 3.8+ or pass "
                + "-Dpython=/path/to/python3", missing.unavailableReason().orElseThrow());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(CPythonRuntime.compareVersions("3.10.1", "3.8") > 0);
        assertTrue(CPythonRuntime.compareVersions("3.7.16", "3.8") < 0);
        assertEquals(0, CPythonRuntime.compareVersions("3.13.0rc1", "3.13"));
    }
}
