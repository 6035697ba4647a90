package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The issue-4 workloads of the Python driver, run through {@link CPythonRuntime} under every model that offers them:
 * checksums and the figures in {@link Sample#details()}.
 */
@Order(3)  // among the longest: started first (pom.xml)
class CPythonWorkloadsTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> THREAD_MODELS = List.of("threading", "thread-pool");
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

    private static Sample run(String workload, String model, int workers, int units, long iterations)
            throws MeasurementException {
        return run(workload, model, workers, units, iterations, Map.of());
    }

    private static Sample run(String workload, String model, int workers, int units, long iterations,
                              Map<String, String> parameters) throws MeasurementException {
        return python.run(new Job(workload, model, workers, new WorkloadSize(units, iterations), TIMEOUT, parameters));
    }

    /** The models this interpreter runs the workload under, as the driver describes them. */
    @SuppressWarnings("unchecked")
    private static List<String> modelsOf(String workload) {
        Map<String, List<String>> byWorkload = (Map<String, List<String>>) python.describe().get("workload_models");
        assertTrue(byWorkload != null && byWorkload.containsKey(workload), () -> "no models listed for " + workload);
        return byWorkload.get(workload);
    }

    private static Object fact(Sample sample, String key) {
        assertTrue(sample.details().containsKey(key), () -> key + " missing from " + sample.details());
        return sample.details().get(key);
    }

    private static boolean isProcessModel(String model) {
        return model.startsWith("multiprocessing-") || model.equals("process-pool");
    }

    @Test
    void everyWorkloadIsOfferedUnderTheModelsOfTheContract() {
        assertTrue(python.models().contains("asyncio"), python.models().toString());
        assertTrue(modelsOf("integer_hash").containsAll(List.of("sequential", "threading", "asyncio", "process-pool")));
        for (String workload : List.of("sleep_wait", "tcp_echo")) {
            assertTrue(modelsOf(workload).containsAll(List.of("sequential", "threading", "thread-pool", "asyncio",
                    "multiprocessing-fork", "process-pool")), workload + ": " + modelsOf(workload));
        }
        assertTrue(modelsOf("file_io").containsAll(List.of("sequential", "threading", "multiprocessing-fork")));
        assertFalse(modelsOf("file_io").contains("asyncio"), modelsOf("file_io").toString());
        for (String workload : List.of("shared_state", "shared_counter", "idle_memory", "message_passing")) {
            assertTrue(modelsOf(workload).containsAll(List.of("threading", "thread-pool", "multiprocessing-fork",
                    "multiprocessing-spawn", "process-pool")), workload + ": " + modelsOf(workload));
            assertFalse(modelsOf(workload).contains("asyncio"), workload + ": " + modelsOf(workload));
        }
        assertTrue(modelsOf("deadlock").contains("threading"), modelsOf("deadlock").toString());
    }

    @Test
    void integerHashUnderAsyncioIsTheJavaChecksum() throws MeasurementException {
        Sample s = run("integer_hash", "asyncio", 3, 6, 1500);
        assertEquals(IntegerHash.units(0, 6, 1500), s.checksum());
        assertTrue(s.details().containsKey("version"), s.details().toString());
    }

    @Test
    void sleepWaitsOverlapExceptOnOneWorker() throws MeasurementException {
        int units = 4;
        long ms = 200;
        for (String model : modelsOf("sleep_wait")) {
            boolean oneWorker = model.equals("sequential") || model.equals("asyncio");
            Sample s = run("sleep_wait", model, oneWorker ? 1 : units, units, ms);
            assertEquals(units, s.checksum(), model);
            if (model.equals("sequential")) {
                assertTrue(s.wallSeconds() >= units * ms / 1000.0, model + " waited " + s.wallSeconds() + " s");
            } else if (!isProcessModel(model)) {  // process start-up would blur the timing
                assertTrue(s.wallSeconds() < units * ms / 1000.0 * 0.75, model + " waited " + s.wallSeconds() + " s");
            }
        }
    }

    @Test
    void tcpEchoAnswersEveryRequestUnderEveryModel() throws Exception {
        try (EchoServer server = EchoServer.start()) {
            Map<String, String> port = Map.of("echo_port", Integer.toString(server.port()));
            for (String model : modelsOf("tcp_echo")) {
                boolean oneWorker = model.equals("sequential") || model.equals("asyncio");
                Sample s = run("tcp_echo", model, oneWorker ? 1 : 2, 6, 50, port);
                assertEquals(6, s.checksum(), model);
                if (model.equals("sequential")) {
                    assertTrue(s.wallSeconds() >= 0.3, model + " took " + s.wallSeconds() + " s");
                } else if (model.equals("asyncio")) {
                    assertTrue(s.wallSeconds() < 0.25, model + " took " + s.wallSeconds() + " s");
                }
            }
        }
    }

    @Test
    void tcpEchoWithoutAServerFailsWithOneClearLine() throws Exception {
        int port;
        try (EchoServer server = EchoServer.start()) {
            port = server.port();
        }
        for (String model : List.of("threading", "asyncio")) {
            int workers = model.equals("asyncio") ? 1 : 2;
            MeasurementException e = assertThrows(MeasurementException.class,
                    () -> run("tcp_echo", model, workers, 2, 10, Map.of("echo_port", Integer.toString(port))));
            assertTrue(e.getMessage().contains("cannot connect to the echo server at 127.0.0.1:" + port), e.getMessage());
            assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
        }
    }

    @Test
    void tcpEchoWithoutItsPortIsAUsageError() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> run("tcp_echo", "threading", 2, 2, 10));
        assertTrue(e.getMessage().contains("exit code 2") && e.getMessage().contains("--param echo_port="),
                e.getMessage());
    }

    /** many_waits: N = 10 tasks under every model, each held until all have started, then one wait (sleep or echo). */
    @Test
    void manyWaitsSleepsAndEchoesUnderEveryModel() throws Exception {
        assertTrue(modelsOf("many_waits").containsAll(List.of("threading", "thread-pool", "asyncio",
                "multiprocessing-fork", "multiprocessing-spawn")), modelsOf("many_waits").toString());
        try (EchoServer server = EchoServer.start()) {
            Map<String, String> tcp = Map.of("wait", "tcp", "echo_port", Integer.toString(server.port()));
            for (String model : modelsOf("many_waits")) {
                for (Map<String, String> parameters : List.of(Map.of("wait", "sleep"), tcp)) {
                    assertManyWaits(run("many_waits", model, 10, 10, 50, parameters), 10, 50,
                            isProcessModel(model) ? 11 : 1, model + " " + parameters.get("wait"));
                }
            }
        }
    }

    @Test
    void aHundredWaitingThreadsAreReleasedTogether() throws MeasurementException {
        Sample s = run("many_waits", "threading", 100, 100, 200);
        assertManyWaits(s, 100, 200, 1, "threading");
        // One after another (a convoy) they would take 100 x 200 ms.
        assertTrue(s.figure("waits_s") < 2 * 0.2, s.details().toString());
    }

    @Test
    void manyWaitsOverTcpWithoutItsPortIsOneClearLine() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> run("many_waits", "asyncio", 2, 2, 10, Map.of("wait", "tcp")));
        assertTrue(e.getMessage().contains("many_waits with wait=tcp needs --param echo_port="), e.getMessage());
        assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
    }

    private static void assertManyWaits(Sample s, int tasks, long waitMs, int processes, String what) {
        String details = what + ": " + s.details();
        assertEquals(tasks, s.checksum(), details);
        assertEquals(tasks, s.figure("tasks"), details);
        assertEquals(waitMs, s.figure("wait_ms"), details);
        assertTrue(s.figure("startup_s") > 0, details);
        assertTrue(s.figure("waits_s") >= waitMs / 1000.0, details);
        assertTrue(s.figure("pss_kib_before") > 0 && s.figure("pss_kib_during") > 0, details);
        assertTrue(s.figure("rss_kib_before") > 0 && s.figure("rss_kib_during") > 0, details);
        assertTrue(s.figure("processes_during") >= processes, details);
        assertEquals((s.figure("pss_kib_during") - s.figure("pss_kib_before")) / tasks, s.figure("pss_kib_per_task"),
                1e-6, details);
        assertEquals((s.figure("rss_kib_during") - s.figure("rss_kib_before")) / tasks, s.figure("rss_kib_per_task"),
                1e-6, details);
        assertFalse(s.details().containsKey("limit_raised"), details);
    }

    @Test
    void fileIoReadsBackEveryFile() throws MeasurementException {
        for (String model : modelsOf("file_io")) {
            Sample s = run("file_io", model, model.equals("sequential") ? 1 : 2, 4, 64);
            assertEquals(4, s.checksum(), model);
        }
    }

    @Test
    void aForkedChildCopiesTheFloatsItReadsButNotTheBytes() throws MeasurementException {
        Sample floats = run("forked_reads", "multiprocessing-fork", 1, 1, 8, Map.of("objects", "floats"));
        Sample bytes = run("forked_reads", "multiprocessing-fork", 1, 1, 8, Map.of("objects", "bytes"));
        assertTrue(floats.figure("copied_kib") > 0.5 * floats.figure("data_kib"), floats.details().toString());
        assertTrue(bytes.figure("copied_kib") < 0.1 * bytes.figure("data_kib"), bytes.details().toString());
        assertTrue(bytes.figure("data_kib") >= 8 * 1024, bytes.details().toString());
    }

    @Test
    void forkedReadsRefusesAStartMethodThatWouldPickleTheData() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> run("forked_reads", "multiprocessing-spawn", 1, 1, 1));
        assertTrue(e.getMessage().contains("forked_reads needs the fork start method"), e.getMessage());
        assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
    }

    @Test
    void anUnsupportedPairIsOneLineNamingTheSupportedModels() {
        MeasurementException e = assertThrows(MeasurementException.class, () -> run("file_io", "asyncio", 1, 2, 1));
        assertTrue(e.getMessage().contains("file_io is not supported under asyncio (supported: sequential, threading"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
    }

    @Test
    void onlyThreadsShareTheMainSidesVariables() throws MeasurementException {
        for (String model : modelsOf("shared_state")) {
            Sample s = run("shared_state", model, 1, 1, 0);
            assertEquals(0, s.checksum(), model);
            assertEquals(THREAD_MODELS.contains(model), fact(s, "main_saw_worker_mutation"), model);
        }
    }

    @Test
    void theSynchronisedCounterIsExact() throws MeasurementException {
        int workers = 2;
        long iterations = 20_000;
        for (String model : modelsOf("shared_counter")) {
            Sample s = run("shared_counter", model, workers, 2, iterations);
            double expected = s.figure("expected");
            assertEquals(workers * iterations, expected, model);
            assertEquals(expected, s.figure("exact_total"), model);
            assertEquals(workers * iterations, s.checksum(), model);
            double racy = s.figure("racy_total");
            // Racing read-modify-writes can lose more than one worker's share (each may overwrite many of the other's
            // updates), so the racy total is only known to be positive and at most the expected one.
            assertTrue(racy > 0 && racy <= expected, model + ": " + s.details());
        }
    }

    @Test
    void opposedLockOrdersDeadlockUntilTheTimeout() throws MeasurementException {
        long ms = 300;
        for (String model : modelsOf("deadlock")) {
            Sample s = run("deadlock", model, 2, 2, ms);
            assertEquals(Boolean.TRUE, fact(s, "deadlocked"), model);
            assertEquals(0, s.checksum(), model);
            // A process lock's timed wait runs on the realtime clock, the sample's time on the monotonic one; on a VM
            // whose clock is being slewed they differ by a little (299.4 ms for a 300 ms wait, once in CI). Without
            // the deadlock the run would take a few milliseconds, so nine tenths of the wait still tells them apart.
            assertTrue(s.workSeconds() >= 0.9 * ms / 1000.0, model + " took " + s.workSeconds() + " s");
        }
    }

    @Test
    void processesCanMovePayloadsThroughSharedMemoryOrAPipeAndThreadsAreToldTheyNeedNeither() throws MeasurementException {
        for (String channel : List.of("shared-memory", "pipe")) {
            Sample s = run("message_passing", "multiprocessing-spawn", 1, 12, 100_000, Map.of("channel", channel));
            assertEquals(12 * 100_000L, s.checksum(), channel);
            assertEquals(channel, s.details().get("channel"));
        }
        MeasurementException threads = assertThrows(MeasurementException.class,
                () -> run("message_passing", "threading", 1, 2, 10, Map.of("channel", "shared-memory")));
        assertTrue(threads.getMessage().contains("shares memory anyway"), threads.getMessage());
        MeasurementException unknown = assertThrows(MeasurementException.class,
                () -> run("message_passing", "multiprocessing-fork", 1, 2, 10, Map.of("channel", "carrier-pigeon")));
        assertTrue(unknown.getMessage().contains("bad value 'carrier-pigeon' for parameter channel"), unknown.getMessage());
    }

    @Test
    void messagesMakeTheRoundTrip() throws MeasurementException {
        int units = 20;
        long bytes = 100_000;
        for (String model : modelsOf("message_passing")) {
            Sample s = run("message_passing", model, 1, units, bytes);
            assertEquals(units * bytes, s.checksum(), model);
            assertEquals(units * bytes, s.figure("bytes_moved"), model);
            double transfer = s.figure("transfer_s");
            assertTrue(transfer > 0, model + ": " + s.details());
            assertEquals(units * bytes / 1048576.0 / transfer, s.figure("mib_per_s"), 1e-6 * s.figure("mib_per_s"),
                    model);
        }
    }

    @Test
    void aBarePlusEqualsIsTheRacyUpdateWhenAsked() throws MeasurementException {
        Sample s = run("shared_counter", "threading", 2, 2, 50_000, Map.of("increment", "plus-equals"));
        assertEquals(100_000L, s.checksum(), s.details().toString());
        assertEquals("racy_counter += 1", fact(s, "racy_update"));
        assertTrue(s.figure("racy_total") > 0 && s.figure("racy_total") <= 100_000, s.details().toString());
        assertEquals("racy_counter = racy_counter + one()",
                fact(run("shared_counter", "threading", 2, 2, 10, Map.of()), "racy_update"));
        assertThrows(MeasurementException.class,
                () -> run("shared_counter", "threading", 2, 2, 10, Map.of("increment", "minus-equals")));
    }

    @Test
    void hashBuffersGivesTheSameChecksumUnderEveryModel() throws MeasurementException {
        long reference = run("hash_buffers", "sequential", 1, 2, 3, Map.of("block", "4096")).checksum();
        for (String model : List.of("threading", "multiprocessing-fork")) {
            assertEquals(reference, run("hash_buffers", model, 2, 2, 3, Map.of("block", "4096")).checksum(), model);
        }
        assertTrue(reference != run("hash_buffers", "sequential", 1, 2, 3, Map.of("block", "64")).checksum());
    }

    @Test
    void theDefaultStartMethodIsReportedAsTheInterpreterSeesIt() throws MeasurementException {
        Sample s = run("start_method", "sequential", 1, 1, 0);
        assertEquals(python.describe().get("default_start_method"), fact(s, "default_start_method"));
    }

    /** Only on 3.14+: the embedded CPython, which the build unpacks, has it. */
    @Test
    void subinterpretersRunTheSameChunksAsThreads() throws MeasurementException {
        CPythonRuntime embedded = Runtimes.pythons(ROOT, "embedded").getFirst();
        assertTrue(embedded.unavailableReason().isEmpty(), embedded.unavailableReason().orElse(""));
        assertTrue(embedded.models().contains("interpreter-pool"), embedded.models().toString());
        if (CPythonRuntime.compareVersions(python.describe().get("version").toString(), "3.14") < 0) {
            assertFalse(python.models().contains("interpreter-pool"), python.models().toString());
        }
        for (String model : List.of("interpreter-pool", "legacy-interpreters")) {
            Job job = new Job("integer_hash", model, 2, new WorkloadSize(2, 1000), TIMEOUT, Map.of());
            assertEquals(IntegerHash.units(0, 2, 1000), embedded.run(job).checksum(), model);
        }
    }

    /** The turn-taking mutant: process workers that take turns are one core busy at a time (TurnsTestSupport). */
    @ParameterizedTest
    @CsvSource({"multiprocessing-fork,2", "multiprocessing-fork,3", "multiprocessing-spawn,2",
            "multiprocessing-forkserver,2", "process-pool,2", "process-pool,4"})
    void processesTakingTurnsCountAsOneCore(String model, int workers) throws Exception {
        assumeTrue(python.models().contains(model), () -> model + " is not offered by " + python);
        TurnsTestSupport.takingTurnsCountsAsOneCore(python::run, model, workers, 100_000, TIMEOUT);
    }

    /**
     * The same on PyPy, on PATH or fetched by the build (its JIT makes a chunk shorter: more iterations), under every
     * start method: spawn and forkserver start the interpreter again, and the fetched one starts only with its
     * library path, which they must have inherited.
     */
    @Test
    void pypyProcessesTakingTurnsCountAsOneCore() throws Exception {
        CPythonRuntime pypy = Runtimes.pythons(ROOT, "pypy").getFirst();
        try {
            assumeTrue(pypy.unavailableReason().isEmpty(), () -> "no PyPy here: " + pypy.unavailableReason().get());
            assertTrue(pypy.models().containsAll(List.of("multiprocessing-fork", "multiprocessing-spawn",
                    "multiprocessing-forkserver", "process-pool")), pypy.models().toString());
            for (String model : List.of("multiprocessing-fork", "multiprocessing-spawn", "multiprocessing-forkserver",
                    "process-pool")) {
                TurnsTestSupport.takingTurnsCountsAsOneCore(pypy::run, model, 2, 2_000_000, TIMEOUT);
            }
        } finally {
            pypy.close();
        }
    }
}
