package concurrencyclaims.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kernel's view of a child, as the labs grade from it: processes that take turns overlap about not at all and
 * processes side by side about fully, whatever the machine's load (each runs about half a second: a turn's boundary
 * is one window of 50 ms); a busy event loop is seen away from its poll, an
 * idle one is not; the tree's CPU keeps what exited processes spent. Each child waits for a line, does its part and
 * says "done".
 */
class TaskSamplerTest {
    private static final String WORK = "def work():\n    x = 0\n    for i in range(8_000_000):\n        x += i\n";

    private static TaskSampler.Observation observe(boolean watchLoop, String... command) throws Exception {
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            TaskSampler sampler = TaskSampler.start(child.pid(), watchLoop);
            child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            String done = out.readLine();
            TaskSampler.Observation seen = sampler.stop();
            assertEquals("done", done);
            return seen;
        } finally {
            child.destroyForcibly();
        }
    }

    private static TaskSampler.Observation python(String body) throws Exception {
        assumeTrue(onPath("python3"), "no python3 here");
        return observe(false, "python3", "-c", "import multiprocessing, sys, threading\n" + WORK
                + "print('ready', flush=True)\nsys.stdin.readline()\n" + body + "\nprint('done', flush=True)\n");
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<Long> children(TaskSampler.Observation seen) {
        return seen.byProcess().entrySet().stream().filter(e -> e.getKey() != seen.mainPid() && e.getValue() > 0.02)
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void processesThatTakeTurnsDoNotOverlap() throws Exception {
        TaskSampler.Observation seen = python("""
                ctx = multiprocessing.get_context('fork')
                for _ in range(2):
                    p = ctx.Process(target=work)
                    p.start()
                    p.join()""");
        List<Long> workers = children(seen);
        assertEquals(2, workers.size(), "two child processes did the work: " + seen.byProcess());
        assertTrue(seen.overlap(workers, true) < 0.3, "overlap " + seen.overlap(workers, true));
        assertTrue(seen.treeCpuSeconds() >= 0.9 * seen.seenCpuSeconds(),
                "the tree's CPU keeps what the exited children spent: " + seen.treeCpuSeconds() + " s against "
                        + seen.seenCpuSeconds() + " s seen");
    }

    @Test
    void processesSideBySideOverlap() throws Exception {
        TaskSampler.Observation seen = python("""
                ctx = multiprocessing.get_context('fork')
                ps = [ctx.Process(target=work) for _ in range(2)]
                [p.start() for p in ps]
                [p.join() for p in ps]""");
        List<Long> workers = children(seen);
        assertEquals(2, workers.size(), "two child processes did the work: " + seen.byProcess());
        assertTrue(seen.overlap(workers, true) >= 0.5, "overlap " + seen.overlap(workers, true));
    }

    @Test
    void threadsAreToldApartWithinTheirProcess() throws Exception {
        TaskSampler.Observation seen = python("""
                ts = [threading.Thread(target=work) for _ in range(2)]
                [t.start() for t in ts]
                [t.join() for t in ts]""");
        long busy = seen.threadsOf(seen.mainPid()).entrySet().stream()
                .filter(e -> e.getKey() != seen.mainPid() && e.getValue() > 0.02).count();
        assertEquals(2, busy, "two threads besides the main one did the work: " + seen.threadsOf(seen.mainPid()));
        assertEquals(List.of(seen.mainPid()), List.copyOf(seen.byProcess().keySet()), "no other process");
    }

    @Test
    void anEventLoopHeldByABurnIsSeenAwayFromItsPoll() throws Exception {
        assumeTrue(onPath("node"), "no node here");
        String burn = "const end = Date.now() + 400; while (Date.now() < end) {}";
        TaskSampler.Observation busy = observe(true, "node", "-e", loop(burn));
        assertTrue(busy.loopAwaySeconds() >= 0.3, "away " + busy.loopAwaySeconds() + " s");
        TaskSampler.Observation idle = observe(true, "node", "-e", loop("await new Promise(r => setTimeout(r, 400));"));
        assertTrue(idle.loopAwaySeconds() < 0.2, "away " + idle.loopAwaySeconds() + " s");
    }

    private static String loop(String body) {
        return "console.log('ready'); process.stdin.once('data', async () => { " + body
                + " console.log('done'); process.exit(0); });";
    }
}
