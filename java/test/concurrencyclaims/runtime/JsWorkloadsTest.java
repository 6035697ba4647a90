package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The issue-4 JS workloads (js/workloads/*.js) under each of their models, on standalone node and on Javet. */
class JsWorkloadsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static NodeRuntime node;
    private static JavetRuntime javet;

    @BeforeAll
    static void discover() {
        node = (NodeRuntime) NodeRuntime.discover(JsTestSupport.projectRoot()).getFirst();
        javet = (JavetRuntime) JavetRuntime.discover(JsTestSupport.projectRoot()).getFirst();
    }

    @AfterAll
    static void stop() {
        if (javet != null) {
            javet.close();
        }
    }

    /** The runtime of that kind; the test is skipped where it cannot run here (no node, no Javet native library). */
    private static Runtime runtime(String kind) {
        Runtime rt = kind.equals(NodeRuntime.KIND) ? node : javet;
        assumeTrue(rt.unavailableReason().isEmpty(), () -> "skipped: " + kind + ": " + rt.unavailableReason().get());
        return rt;
    }

    private static Sample run(String kind, String workload, String model, int workers, int units, long iterations)
            throws MeasurementException {
        return runtime(kind).run(JsTestSupport.job(workload, model, workers, units, iterations, TIMEOUT));
    }

    private static MeasurementException fails(String kind, Job job) {
        MeasurementException e = assertThrows(MeasurementException.class, () -> runtime(kind).run(job));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    /** The pool has as many threads as workers asked for; the hashes, and so the checksum, do not depend on it. */
    @Test
    void uvPoolSizesLibuvsThreadPoolByTheWorkers() throws MeasurementException {
        Sample one = run("node", "uv_pool", "event-loop", 1, 4, 2000);
        Sample four = run("node", "uv_pool", "event-loop", 4, 4, 2000);
        assertEquals(1.0, one.figure("pool_size"));
        assertEquals(4.0, four.figure("pool_size"));
        assertEquals(one.checksum(), four.checksum());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void sleepWaitOverlapsOnTheLoopAndAcrossWorkers(String kind) throws MeasurementException {
        Sample loop = run(kind, "sleep_wait", "event-loop", 1, 6, 100);
        assertEquals(6, loop.checksum());
        assertTrue(loop.wallSeconds() < 0.1 * 3, "6 concurrent waits of 100 ms: " + loop);

        Sample parallel = run(kind, "sleep_wait", "worker-threads", 4, 4, 100);
        assertEquals(4, parallel.checksum());
        double span = parallel.figure(Sample.WORK_SPAN);
        assertTrue(span >= 0.09 && span < 0.1 * 3, "4 workers, one wait each, overlap: " + span);

        Sample serial = run(kind, "sleep_wait", "worker-threads", 1, 3, 100);
        assertEquals(3, serial.checksum());
        assertTrue(serial.figure(Sample.WORK_SPAN) >= 0.29, "one worker waits one after another: " + serial);

        MeasurementException e = fails(kind, JsTestSupport.job("sleep_wait", "event-loop", 2, 6, 10, TIMEOUT));
        assertTrue(e.getMessage().contains("workers must be 1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void tcpEchoAgainstTheEchoServer(String kind) throws Exception {
        runtime(kind);
        int closedPort;
        try (EchoServer server = EchoServer.start()) {
            Map<String, String> port = Map.of("echo_port", String.valueOf(server.port()));
            Sample loop = runtime(kind).run(new Job("tcp_echo", "event-loop", 1, new WorkloadSize(6, 100), TIMEOUT, port));
            assertEquals(6, loop.checksum());
            assertEquals(6L, loop.details().get("connections"));
            assertTrue(loop.wallSeconds() < 0.1 * 3, "6 concurrent requests of 100 ms: " + loop);

            Sample workers = runtime(kind).run(
                    new Job("tcp_echo", "worker-threads", 2, new WorkloadSize(6, 50), TIMEOUT, port));
            assertEquals(6, workers.checksum());
            assertEquals(2L, workers.details().get("connections"));
            assertTrue(workers.figure(Sample.WORK_SPAN) >= 0.05 * 3, "3 requests one after another per worker: "
                    + workers);
            closedPort = server.port();
        }
        MeasurementException e = fails(kind, new Job("tcp_echo", "event-loop", 1, new WorkloadSize(2, 10), TIMEOUT,
                Map.of("echo_port", String.valueOf(closedPort))));
        assertTrue(e.getMessage().contains("echo server at 127.0.0.1:" + closedPort), e.getMessage());
        // A worker's error ends the run with that error (and, in Javet, leaves the JVM and the next run healthy).
        e = fails(kind, new Job("tcp_echo", "worker-threads", 2, new WorkloadSize(2, 10), TIMEOUT,
                Map.of("echo_port", String.valueOf(closedPort))));
        assertTrue(e.getMessage().contains("worker 0 failed") || e.getMessage().contains("worker 1 failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ECONNREFUSED"), e.getMessage());
        assertEquals(3, run(kind, "sleep_wait", "worker-threads", 3, 3, 10).checksum(), "healthy afterwards");
        e = fails(kind, JsTestSupport.job("tcp_echo", "event-loop", 1, 2, 10, TIMEOUT));
        assertTrue(e.getMessage().contains("echo_port"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void fileIoWritesSyncsReadsAndCleansUp(String kind) throws Exception {
        runtime(kind);
        List<Path> before = leftoverFolders();
        for (String model : List.of("event-loop", "worker-threads")) {
            int workers = model.equals("event-loop") ? 1 : 2;
            Sample s = run(kind, "file_io", model, workers, 4, 64);
            assertEquals(4, s.checksum(), model);
            assertEquals(64L, s.details().get("kib_per_file"), model);
        }
        assertEquals(before, leftoverFolders(), "the temporary folders are removed");
        MeasurementException e = fails(kind, JsTestSupport.job("file_io", "workers-shared-memory", 2, 4, 1, TIMEOUT));
        assertTrue(e.getMessage().contains(
                "file_io is not supported under workers-shared-memory (supported: event-loop, worker-threads)"),
                e.getMessage());
    }

    private static List<Path> leftoverFolders() throws IOException {
        String tmp = System.getenv().getOrDefault("TMPDIR", "/tmp");
        try (Stream<Path> list = Files.list(Path.of(tmp))) {
            return list.filter(p -> p.getFileName().toString().startsWith("cc-file-io-")).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void sharedStateIsNotShared(String kind) throws MeasurementException {
        List<String> models = kind.equals("node") ? List.of("worker-threads", "child-processes")
                : List.of("worker-threads");
        for (String model : models) {
            Sample s = run(kind, "shared_state", model, 1, 1, 0);
            assertEquals(false, s.details().get("main_saw_worker_mutation"), model);
            assertEquals("undefined", s.details().get("worker_saw_initial"), model);
            assertEquals(1L, s.details().get("worker_wrote"), model);
            assertEquals(0, s.checksum());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void messagePassingMovesEveryByte(String kind) throws MeasurementException {
        List<String> models = kind.equals("node")
                ? List.of("worker-threads", "workers-shared-memory", "child-processes")
                : List.of("worker-threads", "workers-shared-memory");
        for (String model : models) {
            Sample s = run(kind, "message_passing", model, 1, 20, 65_536);
            assertEquals(20L * 65_536, s.details().get("bytes_moved"), model);
            assertEquals(20L * 65_536, s.checksum(), model);
            assertTrue(s.figure("mib_per_s") > 0 && s.figure("transfer_s") > 0, model + ": " + s.details());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void aTransferredBufferMovesAndLeavesTheSenderDetached(String kind) throws MeasurementException {
        Job transfer = new Job("message_passing", "worker-threads", 1, new WorkloadSize(20, 65_536), TIMEOUT,
                Map.of("channel", "transfer"));
        Sample s = runtime(kind).run(transfer);
        assertEquals(20L * 65_536, s.checksum());
        assertEquals(true, s.details().get("sender_detached"), s.details().toString());
        assertEquals("postMessage with transferList", s.details().get("channel"));
        MeasurementException e = fails(kind, new Job("message_passing", "workers-shared-memory", 1,
                new WorkloadSize(2, 10), TIMEOUT, Map.of("channel", "transfer")));
        assertTrue(e.getMessage().contains("channel=transfer is for worker-threads"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void sharedCounterFiguresUseTheContractNames(String kind) throws MeasurementException {
        Sample s = run(kind, "shared_counter", "workers-shared-memory", 2, 1, 200_000);
        assertEquals(400_000L, s.details().get("expected"));
        assertEquals(400_000L, s.details().get("exact_total"));
        assertEquals(400_000L, s.checksum());
        double racy = s.figure("racy_total");
        assertTrue(racy > 0 && racy <= 400_000, s.details().toString());
    }

    @Test
    void idleChildProcessesOnNode() throws MeasurementException {
        Sample threads = run("node", "idle_memory", "worker-threads", 2, 1, 0);
        Sample children = run("node", "idle_memory", "child-processes", 2, 1, 0);
        assertTrue(children.figure("pss_kib_per_worker") > 0, children.details().toString());
        assertEquals(3L, children.details().get("processes_during"), "node and its two children");
        // A child is a whole node process: its RSS counts node's own code again. PSS shares those pages between
        // the processes of the tree, so by PSS a child costs about what a worker costs (measured, see js/README.md).
        assertTrue(children.figure("rss_kib_per_worker") > 2 * threads.figure("rss_kib_per_worker"),
                "threads " + threads.details() + " / children " + children.details());
    }

    @Test
    void javetCannotForkChildren() {
        MeasurementException e = fails("javet", JsTestSupport.job("idle_memory", "child-processes", 2, 1, 0, TIMEOUT));
        assertTrue(e.getMessage().contains("not supported by javet"), e.getMessage());
    }

    /** many_waits (issue 24): the models of a runtime, as it offers them. */
    private static List<String> manyWaitsModels(String kind) {
        return kind.equals("node") ? List.of("event-loop", "worker-threads", "child-processes")
                : List.of("event-loop", "worker-threads");
    }

    private static Sample manyWaits(String kind, String model, int n, long waitMs, Map<String, String> parameters)
            throws MeasurementException {
        return runtime(kind).run(new Job("many_waits", model, n, new WorkloadSize(n, waitMs), TIMEOUT, parameters));
    }

    /** Checksum N and every figure of the contract, sane. */
    private static void assertManyWaits(Sample s, int n, long waitMs, String what) {
        Map<String, Object> d = s.details();
        assertEquals(n, s.checksum(), what + ": " + d);
        assertEquals((long) n, d.get("tasks"), what);
        assertEquals(waitMs, d.get("wait_ms"), what);
        assertTrue(s.figure("startup_s") > 0, what + ": " + d);
        assertTrue(s.figure("waits_s") >= waitMs / 1000.0 * 0.95, what + ": " + d); // timers may fire 1 ms early
        for (String key : List.of("pss_kib_before", "pss_kib_during", "rss_kib_before", "rss_kib_during",
                "processes_during")) {
            assertTrue(s.figure(key) > 0, what + ": " + key + " in " + d);
        }
        for (String key : List.of("pss_kib_per_task", "rss_kib_per_task")) {
            assertTrue(Double.isFinite(s.figure(key)), what + ": " + key + " in " + d);
        }
        // GraalJS's contexts live in the harness's JVM, whose heap the collector may shrink meanwhile: no sign there.
        if (!model(what).equals("event-loop") && !model(what).equals("contexts")) {
            assertTrue(s.figure("pss_kib_per_task") > 0, what + ": a Worker or child costs memory: " + d);
        }
    }

    private static String model(String what) {
        return what.split(" ")[1];
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "javet"})
    void manyWaitsEveryModelSleepsAndEchoesAtTen(String kind) throws Exception {
        runtime(kind);
        try (EchoServer server = EchoServer.start()) {
            Map<String, String> tcp = Map.of("wait", "tcp", "echo_port", String.valueOf(server.port()));
            for (String model : manyWaitsModels(kind)) {
                Sample sleep = manyWaits(kind, model, 10, 100, Map.of());
                assertManyWaits(sleep, 10, 100, kind + " " + model + " sleep");
                Sample echo = manyWaits(kind, model, 10, 100, tcp);
                assertManyWaits(echo, 10, 100, kind + " " + model + " tcp");
                if (kind.equals("node")) {
                    assertEquals(model.equals("child-processes") ? 11L : 1L, sleep.details().get("processes_during"),
                            model + ": node and its children");
                }
            }
            // The event loop holds 100 at once, each wait overlapping the others.
            for (Map<String, String> parameters : List.of(Map.of("wait", "sleep"), tcp)) {
                Sample loop = manyWaits(kind, "event-loop", 100, 100, parameters);
                assertManyWaits(loop, 100, 100, kind + " event-loop " + parameters.get("wait") + " at 100");
                assertTrue(loop.figure("waits_s") < 1, "100 waits of 100 ms overlap: " + loop.details());
            }
        }
        MeasurementException e = fails(kind, new Job("many_waits", "event-loop", 2, new WorkloadSize(2, 10), TIMEOUT,
                Map.of("wait", "tcp")));
        assertTrue(e.getMessage().contains("echo_port"), e.getMessage());
        e = fails(kind, new Job("many_waits", "event-loop", 2, new WorkloadSize(2, 10), TIMEOUT,
                Map.of("wait", "nap")));
        assertTrue(e.getMessage().contains("unknown wait \"nap\""), e.getMessage());
    }

    /**
     * GraalJS: each task a Context of its own on its own platform thread, its wait an Atomics.wait; wait=tcp is
     * refused (a bare Context has no sockets), and so is single-context.
     */
    @Test
    void manyWaitsOnGraalJsContexts() throws MeasurementException {
        GraalJsRuntime graal = (GraalJsRuntime) GraalJsRuntime.discover(JsTestSupport.projectRoot()).getFirst();
        try {
            assumeTrue(graal.unavailableReason().isEmpty(), () -> "skipped: " + graal.unavailableReason().get());
            for (int n : new int[] {10, 100}) {
                Sample s = graal.run(new Job("many_waits", "contexts", n, new WorkloadSize(n, 100), TIMEOUT));
                assertManyWaits(s, n, 100, "graaljs contexts sleep at " + n);
                assertTrue(s.figure("waits_s") < 1, n + " waits of 100 ms overlap: " + s.details());
            }
            MeasurementException e = assertThrows(MeasurementException.class, () -> graal.run(new Job("many_waits",
                    "contexts", 2, new WorkloadSize(2, 10), TIMEOUT, Map.of("wait", "tcp", "echo_port", "1"))));
            assertTrue(e.getMessage().contains("wait=tcp cannot run on graaljs"), e.getMessage());
            e = assertThrows(MeasurementException.class, () -> graal.run(new Job("many_waits", "single-context", 2,
                    new WorkloadSize(2, 10), TIMEOUT)));
            assertTrue(e.getMessage().contains("does not declare the model single-context"), e.getMessage());
        } finally {
            graal.close();
        }
    }

    /**
     * Where a model stops: node with a soft RLIMIT_NOFILE of 60 runs out of file descriptors after a few dozen
     * sockets, Workers or children. The run fails with the harness's "limit: " message (first in the driver's error
     * line) and leaves no child behind. Javet's limits are the JVM's, which a test cannot lower.
     */
    @ParameterizedTest
    @CsvSource({"event-loop,tcp", "worker-threads,sleep", "child-processes,sleep"})
    void manyWaitsStopsAtALimitAndCleansUp(String model, String wait) throws Exception {
        runtime("node");
        Path script = JsTestSupport.projectRoot().resolve("js/workloads/many_waits.js");
        try (EchoServer server = EchoServer.start()) {
            Job job = new Job("many_waits", model, 100, new WorkloadSize(100, 100), TIMEOUT,
                    Map.of("wait", wait, "echo_port", String.valueOf(server.port())));
            Process p = new ProcessBuilder("sh", "-c", "ulimit -n 60 && exec \"$@\"", "sh",
                    node.executable().toString(), concurrencyclaims.runtime.js.JsProject.V8_FLAGS,
                    JsTestSupport.projectRoot().resolve("js/driver.js").toString(),
                    concurrencyclaims.runtime.js.JsProject.spec(job, script))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "node ended");
            assertEquals(1, p.exitValue(), err);
            assertTrue(err.startsWith("error: limit: file descriptors: "), err);
            assertTrue(err.matches("(?s)error: limit: file descriptors: \\d+ of 100 tasks started: .*EMFILE.*"), err);
            assertFalse(err.contains("\n") && err.indexOf('\n') < err.length() - 1, "one line: " + err);
        }
        assertEquals(List.of(), leftoverTasks(script), "no task of the run is left");
    }

    /**
     * No task starts while MemAvailable is below a reserve (with no swap the OOM killer, not a failed allocation, would
     * end the run, or the harness); memory_reserve_mib sets the reserve, here beyond any machine.
     */
    @ParameterizedTest
    @CsvSource({"node,event-loop", "node,child-processes", "javet,worker-threads"})
    void manyWaitsKeepsAMemoryReserve(String kind, String model) {
        MeasurementException e = fails(kind, new Job("many_waits", model, 10, new WorkloadSize(10, 10), TIMEOUT,
                Map.of("memory_reserve_mib", "1000000000")));
        assertTrue(e.getMessage().contains("limit: memory: 0 of 10 tasks started: MemAvailable "), e.getMessage());
    }

    /** Processes whose command line names {@code script} (a forked task names it in its --role argument). */
    private static List<Long> leftoverTasks(Path script) {
        String name = script.toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(name)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /**
     * The turn-taking mutant: Workers and child processes that take turns are one core busy at a time
     * (TurnsTestSupport); Javet has no child processes.
     */
    @ParameterizedTest
    @CsvSource({"node,worker-threads,2", "node,workers-shared-memory,2", "node,child-processes,2",
            "node,worker-threads,3", "javet,worker-threads,2", "javet,workers-shared-memory,2", "javet,worker-threads,4"})
    void workersTakingTurnsCountAsOneCore(String kind, String model, int workers) throws Exception {
        TurnsTestSupport.takingTurnsCountsAsOneCore(runtime(kind)::run, model, workers, 2_000_000, TIMEOUT);
    }
}
