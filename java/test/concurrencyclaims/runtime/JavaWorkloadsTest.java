package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import concurrencyclaims.workloads.FileIo;
import concurrencyclaims.workloads.ManyWaits;
import concurrencyclaims.workloads.WorkloadMain;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Java workload of the issue-4 contract under each model it supports, at a small size. */
class JavaWorkloadsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final JavaRuntime java = new JavaRuntime();

    private Sample run(String workload, String model, int workers, int units, long iterations) throws MeasurementException {
        return run(workload, model, workers, units, iterations, Map.of());
    }

    private Sample run(String workload, String model, int workers, int units, long iterations, Map<String, String> parameters)
            throws MeasurementException {
        return java.run(new Job(workload, model, workers, new WorkloadSize(units, iterations), TIMEOUT, parameters));
    }

    @ParameterizedTest
    @CsvSource({"sequential,1", "platform-threads,3", "virtual-threads,12", "child-processes,2"})
    void sleepWaitWaitsEachChunkInARow(String model, int workers) throws MeasurementException {
        Sample s = run("sleep_wait", model, workers, 12, 40);
        assertEquals(12, s.checksum());
        // A worker waits its 12/workers waits one after another: never faster than that, ...
        assertTrue(s.workSeconds() >= 12 / workers * 0.040, s.toString());
        // ... and threads overlap their waits: well under the serial 12 × 40 ms. (Child JVMs start staggered, so the
        // span of their work says little about overlap on a busy machine.)
        if (workers > 1 && !model.equals("child-processes")) {
            assertTrue(s.workSeconds() < 12 * 0.040 * 0.8, s.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"sequential,1", "platform-threads,4", "virtual-threads,12", "child-processes,2"})
    void tcpEchoGetsEveryRequestBack(String model, int workers) throws Exception {
        try (EchoServer server = EchoServer.start()) {
            Sample s = run("tcp_echo", model, workers, 12, 20, Map.of("echo_port", Integer.toString(server.port())));
            assertEquals(12, s.checksum());
            assertTrue(s.workSeconds() >= 12 / workers * 0.020, s.toString());
        }
    }

    @Test
    void tcpEchoWithoutAServerFailsFastAndSaysWhy() throws Exception {
        int port;
        try (EchoServer server = EchoServer.start()) {
            port = server.port();
        }
        long start = System.nanoTime();
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> run("tcp_echo", "platform-threads", 2, 12, 10, Map.of("echo_port", Integer.toString(port))));
        assertTrue(e.getMessage().contains("cannot connect to the echo server"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "failed fast");
        MeasurementException missing = assertThrows(MeasurementException.class,
                () -> run("tcp_echo", "sequential", 1, 12, 10));
        assertTrue(missing.getMessage().contains("echo_port"), missing.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"sequential,1", "platform-threads,3", "virtual-threads,4", "child-processes,2"})
    void fileIoChecksItsFilesAndLeavesNoFolderBehind(String model, int workers, @TempDir Path root) throws Exception {
        Sample s = new FileIo(root).run(new Job("file_io", model, workers, new WorkloadSize(12, 100), TIMEOUT));
        assertEquals(12, s.checksum());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(0, left.count(), "the temporary folder is gone");
        }
    }

    @Test
    void fileIoRemovesItsFolderOnFailureToo(@TempDir Path root) throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> new FileIo(root).run(new Job("file_io", "platform-threads", 5, new WorkloadSize(12, 4), TIMEOUT)));
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(0, left.count(), "the temporary folder is gone");
        }
        assertEquals(12, run("file_io", "virtual-threads", 6, 12, 4).checksum());
    }

    @ParameterizedTest
    @CsvSource({"platform-threads,true", "virtual-threads,true", "child-processes,false"})
    void sharedStateIsSharedByThreadsButNotByProcesses(String model, boolean shared) throws MeasurementException {
        Sample s = run("shared_state", model, 1, 1, 0);
        assertEquals(Map.of("main_saw_worker_mutation", shared), s.details());
        assertEquals(0, s.checksum());
    }

    @ParameterizedTest
    @CsvSource({"platform-threads", "virtual-threads"})
    void sharedCounterIsExactOnlyWhenSynchronised(String model) throws MeasurementException {
        Sample s = run("shared_counter", model, 2, 1, 1_000_000);
        assertEquals(2_000_000L, s.details().get("expected"));
        assertEquals(2_000_000L, s.details().get("exact_total"));
        assertEquals(2_000_000L, s.checksum());
        long racy = (Long) s.details().get("racy_total");
        assertTrue(racy > 0 && racy <= 2_000_000L, "racy_total " + racy);
    }

    @ParameterizedTest
    @CsvSource({"platform-threads,true", "virtual-threads,false"})
    void deadlockIsBrokenAndLeavesNoThreadBehind(String model, boolean jvmSeesIt, @TempDir Path dumps) throws Exception {
        Sample s = run("deadlock", model, 2, 1, 300);
        assertEquals(true, s.details().get("deadlocked"), s.details().toString());
        // ThreadMXBean does not manage virtual threads, so its deadlock detection sees only platform ones.
        assertEquals(jvmSeesIt, s.details().get("detected_by_jvm"), s.details().toString());
        assertTrue(s.wallSeconds() >= 0.3, s.toString());
        // The JSON thread dump lists virtual threads too (Thread.getAllStackTraces() does not).
        Path dump = dumps.resolve("threads.json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        String threads = Files.readString(dump);
        assertTrue(threads.contains(Thread.currentThread().getName()), "the dump lists this thread");
        assertFalse(threads.contains("deadlock-worker-"), "a deadlock worker is still alive:\n" + threads);
    }

    @Test
    void deadlockNeedsTwoWorkers() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> run("deadlock", "platform-threads", 3, 3, 100));
        assertEquals("deadlock runs exactly 2 workers, not 3", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"platform-threads", "child-processes"})
    void messagePassingMovesEveryByte(String model) throws MeasurementException {
        Sample s = run("message_passing", model, 1, 20, 65_536);
        assertEquals(20 * 65_536L, s.details().get("bytes_moved"));
        assertEquals(20 * 65_536L, s.checksum());
        double seconds = s.figure("transfer_s");
        assertTrue(seconds > 0 && seconds <= s.wallSeconds(), s.toString());
        assertEquals(20 * 65_536 / 1048576.0 / seconds, s.figure("mib_per_s"), 1e-6);
    }

    @Test
    void childJvmsCanShareAMappedFileAndThreadsNeedNoSuchChannel() throws MeasurementException {
        Sample s = run("message_passing", "child-processes", 1, 20, 65_536, Map.of("channel", "shared-memory"));
        assertEquals(20 * 65_536L, s.checksum());
        assertEquals("shared-memory", s.details().get("channel"));
        MeasurementException threads = assertThrows(MeasurementException.class,
                () -> run("message_passing", "platform-threads", 1, 2, 10, Map.of("channel", "shared-memory")));
        assertTrue(threads.getMessage().contains("share memory anyway"), threads.getMessage());
        MeasurementException unknown = assertThrows(MeasurementException.class,
                () -> run("message_passing", "child-processes", 1, 2, 10, Map.of("channel", "carrier-pigeon")));
        assertTrue(unknown.getMessage().contains("unknown channel 'carrier-pigeon'"), unknown.getMessage());
    }

    @Test
    void anUnsupportedModelListsTheSupportedOnesOnOneLine() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> run("deadlock", "child-processes", 2, 1, 100));
        assertEquals("deadlock is not supported under child-processes (supported: platform-threads, virtual-threads)",
                e.getMessage());
        MeasurementException unknown = assertThrows(MeasurementException.class,
                () -> run("no_such_work", "sequential", 1, 1, 1));
        assertTrue(unknown.getMessage().contains("create java/main/concurrencyclaims/workloads/NoSuchWork.java"),
                unknown.getMessage());
    }

    private Map<String, String> manyWaitsParameters(String wait, EchoServer server) {
        return wait.equals("tcp") ? Map.of("wait", "tcp", "echo_port", Integer.toString(server.port()))
                : Map.of("wait", wait);
    }

    @ParameterizedTest
    @CsvSource({"platform-threads,sleep,10", "virtual-threads,sleep,10", "child-processes,sleep,10",
            "platform-threads,tcp,10", "virtual-threads,tcp,10", "child-processes,tcp,10",
            "platform-threads,sleep,100", "virtual-threads,sleep,100", "platform-threads,tcp,100",
            "virtual-threads,tcp,100"})
    void manyWaitsHoldsEveryTaskAtTheGateThenWaitsOnce(String model, String wait, int tasks) throws Exception {
        try (EchoServer server = EchoServer.start()) {
            Sample s = run("many_waits", model, tasks, tasks, 100, manyWaitsParameters(wait, server));
            assertEquals(tasks, s.checksum(), s.toString());
            assertEquals(tasks, s.figure("tasks"));
            assertEquals(100, s.figure("wait_ms"));
            assertTrue(s.figure("startup_s") > 0, s.toString());
            assertTrue(s.figure("waits_s") >= 0.1, s.toString());
            if (!model.equals("child-processes")) {
                // All at once: well below the tasks' waits one after another (a child JVM's exit is in its join, and
                // 10 child JVMs exiting on 2 busy cores may take that long).
                assertTrue(s.figure("waits_s") < 0.1 * tasks * 0.8, s.toString());
            }
            assertTrue(s.figure("startup_s") + s.figure("waits_s") <= s.wallSeconds(), s.toString());
            for (String figure : List.of("pss_kib_before", "pss_kib_during", "rss_kib_before", "rss_kib_during")) {
                assertTrue(s.figure(figure) > 0, figure + ": " + s);
            }
            assertEquals((s.figure("pss_kib_during") - s.figure("pss_kib_before")) / tasks, s.figure("pss_kib_per_task"),
                    1e-9);
            assertEquals((s.figure("rss_kib_during") - s.figure("rss_kib_before")) / tasks, s.figure("rss_kib_per_task"),
                    1e-9);
            boolean children = model.equals("child-processes");
            assertEquals(children ? tasks + 1 : 1, s.figure("processes_during"), s.toString());
            if (children) {
                assertTrue(s.figure("pss_kib_per_task") > 1024, "a JVM costs megabytes: " + s);
            }
        }
    }

    @Test
    void manyWaitsSaysWhatItNeeds() throws Exception {
        MeasurementException unknown = assertThrows(MeasurementException.class,
                () -> run("many_waits", "platform-threads", 2, 2, 10, Map.of("wait", "pigeon")));
        assertEquals("many_waits: unknown wait 'pigeon' (known: sleep, tcp)", unknown.getMessage());
        MeasurementException noPort = assertThrows(MeasurementException.class,
                () -> run("many_waits", "virtual-threads", 2, 2, 10, Map.of("wait", "tcp")));
        assertTrue(noPort.getMessage().contains("echo_port"), noPort.getMessage());
        int port;
        try (EchoServer server = EchoServer.start()) {
            port = server.port();
        }
        MeasurementException refused = assertThrows(MeasurementException.class, () -> run("many_waits",
                "platform-threads", 3, 3, 10, Map.of("wait", "tcp", "echo_port", Integer.toString(port))));
        assertTrue(refused.getMessage().contains("failed to start: cannot connect to the echo server"),
                refused.getMessage());
        assertFalse(refused.getMessage().startsWith("limit: "), "a refused connection is no limit");
        assertEquals(0, liveManyWaitsTasks(), "no task left running");
    }

    /** A thread that cannot be started at task 5: every task started before it is released and joined. */
    @ParameterizedTest
    @CsvSource({"platform-threads,sleep", "virtual-threads,sleep", "platform-threads,tcp", "virtual-threads,tcp"})
    void manyWaitsStopsAtAThreadLimitAndLeavesNothingRunning(String model, String wait) throws Exception {
        try (EchoServer server = EchoServer.start()) {
            Map<String, String> parameters = new HashMap<>(manyWaitsParameters(wait, server));
            parameters.put(ManyWaits.SIMULATE_LIMIT_AT, "5");
            long start = System.nanoTime();
            MeasurementException e = assertThrows(MeasurementException.class,
                    () -> run("many_waits", model, 10, 10, 100, parameters));
            assertTrue(e.getMessage().startsWith("limit: threads: 5 of 10 tasks started: unable to create native thread"),
                    e.getMessage());
            assertEquals(0, liveManyWaitsTasks(), "every started task ended");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "released at once");
        }
    }

    @Test
    void manyWaitsStopsAtAProcessLimitAndLeavesNoChildJvm() {
        MeasurementException e = assertThrows(MeasurementException.class, () -> run("many_waits", "child-processes",
                4, 4, 100, Map.of(ManyWaits.SIMULATE_LIMIT_AT, "2")));
        assertTrue(e.getMessage().startsWith("limit: processes: 2 of 4 tasks started: "), e.getMessage());
        assertTrue(e.getMessage().contains("error=11, Resource temporarily unavailable"), e.getMessage());
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(List::of).filter(a -> a.contains(WorkloadMain.class.getName())
                        && a.contains("many_waits")).isPresent())
                .map(ProcessHandle::pid).toList(), "no child JVM of many_waits left");
    }

    /** Linux would start child JVMs beyond its memory and OOM-kill some process later: they stop at a reserve. */
    @Test
    void manyWaitsStartsNoChildJvmBeyondTheMemoryReserve() {
        ManyWaits.Meminfo start = new ManyWaits.Meminfo(20_000, 24_000);
        assertEquals(2_400, start.reserveMiB(), "10% of MemTotal");
        assertEquals(1_024, new ManyWaits.Meminfo(2_000, 4_000).reserveMiB(), "at least 1 GiB");
        int fits = (int) ((20_000 - 2_400) / ManyWaits.CHILD_JVM_MIB);
        assertEquals(null, start.refusal(fits - 1, start), "child " + fits + " fits");
        String refusal = start.refusal(fits, start);
        assertTrue(refusal != null && refusal.startsWith("MemAvailable 20000 MiB (20000 MiB at the start) would fall"
                + " below the 2400 MiB kept free"), refusal);
        assertTrue(start.refusal(0, new ManyWaits.Meminfo(2_420, 24_000)) != null, "what is available now counts too");
    }

    /** A real limit: a JVM allowed 100 open files cannot connect 300 tasks, and says so. */
    @Test
    void manyWaitsStopsAtTheOpenFileLimit(@TempDir Path folder) throws Exception {
        Path log = folder.resolve("child.log");
        try (EchoServer server = EchoServer.start()) {
            String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder("sh", "-c", "ulimit -n 100 && exec \"$0\" \"$@\"", jvm, "-cp",
                    System.getProperty("java.class.path"), ManyWaitsMain.class.getName(), "run", "platform-threads",
                    "tcp", "300", "100", Integer.toString(server.port())).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM ended: " + Files.readString(log));
            } finally {
                p.destroyForcibly();
            }
            String output = Files.readString(log);
            assertTrue(output.contains("error limit: file descriptors: "), output);
            assertTrue(output.contains(" of 300 tasks started: ") && output.contains("Too many open files"), output);
            assertTrue(output.contains("alive 0"), output);
        }
    }

    /** Task threads of many_waits alive in this JVM, virtual ones included (the JSON thread dump lists them). */
    private static long liveManyWaitsTasks() throws Exception {
        Path dump = Files.createTempDirectory("many-waits-").resolve("threads.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return Pattern.compile(Pattern.quote("\"" + ManyWaits.TASK_THREAD + "\"")).matcher(Files.readString(dump))
                    .results().count();
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dump.getParent());
        }
    }

    /** The turn-taking mutant: threads and child JVMs that take turns are one core busy at a time (TurnsTestSupport). */
    @ParameterizedTest
    @CsvSource({"platform-threads,2", "platform-threads,4", "child-processes,2"})
    void workersTakingTurnsCountAsOneCore(String model, int workers) throws Exception {
        TurnsTestSupport.takingTurnsCountsAsOneCore(java::run, model, workers, 5_000_000, TIMEOUT);
    }
}
