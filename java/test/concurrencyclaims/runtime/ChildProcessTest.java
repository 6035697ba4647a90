package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
    static final String PYTHON = Optional.ofNullable(System.getProperty("python")).filter(p -> !p.isBlank()).orElse("python3");

    static Path fixture(String name) throws Exception {
        return Path.of(ChildProcessTest.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void aHangingChildIsKilledWithEveryDescendant() throws Exception {
        ChildProcess.Running running = ChildProcess.of("hanging fixture", List.of(PYTHON, fixture("spawn_and_hang.py").toString()))
                .timeout(Duration.ofSeconds(3)).start();
        long pid = running.pid();
        // Wait until the grandchildren exist, so the kill must reach them too.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<ProcessHandle> descendants = List.of();
        while (descendants.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            descendants = ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of());
        }
        // Two hanging children, plus whatever an interpreter shim (pyenv) puts in between.
        assertTrue(descendants.size() >= 2, "the fixture should have started two children: " + descendants);
        MeasurementException e = assertThrows(MeasurementException.class, running::await);
        assertTrue(e.getMessage().contains("hanging fixture did not finish within 3 s"), e.getMessage());
        assertTrue(MeasurementException.isTimeout(e.getMessage()), "the sweep reads it as a stop for time");
        assertTrue(e.getMessage().matches(".*killed with \\d+ descendant.*"), e.getMessage());
        assertTrue(ProcessHandle.of(pid).map(ChildProcessTest::diesSoon).orElse(true), "the child is dead");
        for (ProcessHandle d : descendants) {
            assertTrue(diesSoon(d), "descendant " + d.pid() + " is dead");
        }
    }

    /**
     * Whether the process is gone, or only a zombie, within 5 s. A killed grandchild is re-parented to PID 1, which
     * may take a while to reap it, and until then ProcessHandle reports the zombie as alive.
     */
    private static boolean diesSoon(ProcessHandle process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || isZombie(process.pid())) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException | RuntimeException e) {
            return true; // no /proc entry: the process is gone
        }
    }

    @Test
    void aCrashReportsTheExitCodeAndTheTailOfStderr() throws Exception {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> ChildProcess.of("crashing fixture", List.of(PYTHON, fixture("crash.py").toString())).run());
        assertTrue(e.getMessage().startsWith("crashing fixture failed with exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("RuntimeError: workload exploded at unit 7"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aMissingProgramSaysWhatCouldNotStart() {
        MeasurementException e = assertThrows(MeasurementException.class,
                () -> ChildProcess.of("ghost", List.of("/nonexistent/python9")).run());
        assertTrue(e.getMessage().contains("cannot start '/nonexistent/python9'"), e.getMessage());
    }

    @Test
    void stdoutIsCollectedWhole() throws MeasurementException {
        ChildProcess.Result r = ChildProcess.of("echo", List.of(PYTHON, "-c", "print('x' * 100000)")).run();
        assertEquals(100001, r.stdout().length());
        assertEquals(0, r.exitCode());
    }
}
