package concurrencyclaims.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.lab.Scorecard.Status;
import concurrencyclaims.runtime.NodeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each lab graded on its untouched starter, on submissions with a syntax or compile error in one file, and on
 * cheating submissions (java/test-resources/labs/<lab>/<case>/): the starter gets its low score, an error names the
 * file and line while the lab's other files are still graded, and each cheat fails the check it targets, with no
 * points (not "not gradable", which a cheater could retry for free).
 * Checks of correct code are asserted not to fail (pass, or not gradable on a loaded machine), never to pass: that a
 * reference solution gets full marks is shown on an idle machine, by .ci/run.
 */
@Order(1)  // among the longest: started first (pom.xml)
class LabGradingTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Graded(Scorecard card, Path folder) {
        Scorecard.Graded check(String name) {
            return card.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }

        void failed(String name, String... words) {
            Scorecard.Graded check = check(name);
            assertEquals(Status.FAILED, check.status(), name + ": " + check.message());
            assertEquals(0, check.points());
            for (String word : words) {
                assertTrue(check.message().contains(word), name + " should say '" + word + "': " + check.message());
            }
        }

        /** FAILED with no points, for one of the reasons that {@code reasons} name (any one of them). */
        void failedForOneOf(String name, String... reasons) {
            failed(name);
            String message = check(name).message();
            assertTrue(java.util.Arrays.stream(reasons).anyMatch(message::contains),
                    name + " should say one of " + java.util.Arrays.toString(reasons) + ": " + message);
        }

        void notFailed(String name) {
            Scorecard.Graded check = check(name);
            assertNotEquals(Status.FAILED, check.status(), name + ": " + check.message());
        }
    }

    /**
     * Grades {@code fixture} (a folder of test-resources/labs/{@code lab} with the files it is about, the lab's
     * reference solution for the others), or with null the lab's own starter.
     */
    private Graded grade(String lab, String fixture, String... claims) throws IOException {
        return grade(lab, fixture, new Properties(), claims);
    }

    private Graded grade(String lab, String fixture, Properties more, String... claims) throws IOException {
        Path submission = ROOT.resolve("suites/labs").resolve(lab);
        if (fixture != null) {
            submission = temp.resolve("submission");
            Path source = ROOT.resolve("java/test-resources/labs").resolve(lab).resolve(fixture);
            Files.createDirectories(submission);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, submission.resolve(file.getFileName()));
                }
            }
            // A fixture holds only the files it is about; the rest of the submission is the reference solution.
            try (Stream<Path> files = Files.list(ROOT.resolve("suites/labs").resolve(lab).resolve("solution"))) {
                for (Path file : files.toList()) {
                    if (!Files.exists(submission.resolve(file.getFileName()))) {
                        Files.copy(file, submission.resolve(file.getFileName()));
                    }
                }
            }
            Files.writeString(submission.resolve("reports_dir.txt"), temp.resolve("reports").toString());
        }
        Properties properties = new Properties();
        properties.setProperty(LabRun.LAB, lab);
        properties.setProperty(LabRun.SUBMISSION, submission.toString());
        properties.setProperty(LabRun.REPORTS, temp.resolve("reports").toString());
        // The smallest budget that can decide (the rule's first look): these tests are about what fails, and why.
        properties.setProperty("max.rounds", "3");
        properties.setProperty("max.seconds", "4");
        properties.setProperty("target.seconds", "0.1");
        if (claims.length > 0) {
            properties.setProperty("claims", String.join(",", claims));
        }
        properties.putAll(more);
        if (System.getProperty("python") != null) {
            properties.setProperty("python", System.getProperty("python"));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LabRun run = LabRun.start(ROOT, properties, new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Scorecard card = run.gradeAll();
            Path folder = temp.resolve("reports/latest");
            card.writeAll(folder);
            return new Graded(card, folder);
        } finally {
            run.claims().close();
        }
    }

    private static void assertBelowHalf(Graded graded) {
        assertTrue(2 * graded.card().score() < graded.card().maxScore(), "a starter should score below half of "
                + graded.card().maxScore() + ", not " + graded.card().score());
    }

    /** What only the sandbox stops (a file outside the submission, a process that outlives its sample). */
    private static void assumeSandbox() {
        assumeTrue(Sandbox.probe(Sandbox.DEFAULT_MEMORY_MIB).isolated(), "no sandbox here (bubblewrap)");
    }

    private static void assumeNode() {
        assumeTrue(NodeRuntime.discover(ROOT).getFirst().unavailableReason().isEmpty(), "no node here");
    }

    @Test
    void gilStarterScoresNothingAndSaysWhy() throws IOException {
        Graded graded = grade("gil", null);
        graded.failed("lab-gil-threads-give-no-cpu-speedup", "threads.py", "1 thread(s)");
        graded.failed("lab-gil-processes-give-a-speedup", "processes.py", "its own process");
        assertEquals(0, graded.card().score());
        assertBelowHalf(graded);
        assertTrue(graded.card().gradable());
    }

    @Test
    void gilSyntaxErrorNamesFileAndLineAndTheOtherFileIsStillGraded() throws IOException {
        Graded graded = grade("gil", "syntax-error");
        graded.failed("lab-gil-threads-give-no-cpu-speedup", "threads.py:8", "SyntaxError");
        graded.notFailed("lab-gil-processes-give-a-speedup");
    }

    @Test
    void gilHardCodedResultsGetNoCredit() throws IOException {
        Graded graded = grade("gil", "hard-coded");
        graded.failed("lab-gil-threads-give-no-cpu-speedup", "returned 31415926535");
        graded.failed("lab-gil-processes-give-a-speedup", "returned 27182818284");
    }

    @Test
    void gilSlowedClocksAndOwnThresholdsGetNoSpeedup() throws IOException {
        Graded graded = grade("gil", "fake-speedup", "lab-gil-processes-give-a-speedup");
        graded.failed("lab-gil-processes-give-a-speedup", "processes.py");
        assertTrue(graded.check("lab-gil-processes-give-a-speedup").description().startsWith("True parallelism"),
                "graded by the lab's own claim, not the submission's lab.yaml");
    }

    @Test
    void gilThreadsThatNeverFinishAreKilledAtTheTimeout() throws IOException {
        Properties shortTimeout = new Properties();
        shortTimeout.setProperty("timeout.seconds", "3");
        Graded graded = grade("gil", "infinite-loop", shortTimeout, "lab-gil-threads-give-no-cpu-speedup");
        graded.failed("lab-gil-threads-give-no-cpu-speedup", "threads.py", "killed", "3 s timeout");
    }

    @Test
    void gilForgedGradesAreOverwritten() throws IOException {
        Graded graded = grade("gil", "writes-results", "lab-gil-threads-give-no-cpu-speedup");
        assertEquals(0, graded.card().score());
        JsonNode scorecard = JSON.readTree(graded.folder().resolve("scorecard.json").toFile());
        assertEquals(0, scorecard.path("score").asInt());
        assertEquals(10, scorecard.path("max_score").asInt());
        assertEquals(2, scorecard.path("checks").size());
        JsonNode gradescope = JSON.readTree(graded.folder().resolve("gradescope/results.json").toFile());
        assertEquals(0, gradescope.path("score").asInt());
        assertEquals(2, gradescope.path("tests").size());
        JsonNode prairie = JSON.readTree(graded.folder().resolve("prairielearn/results.json").toFile());
        assertEquals(0.0, prairie.path("score").asDouble());
        JsonNode results = JSON.readTree(graded.folder().resolve("results.json").toFile());
        assertEquals(1, results.path("verdicts").size(), "the harness's results.json replaced the forged one");
    }

    @Test
    void eventLoopStarterScoresNothing() throws IOException {
        assumeNode();
        Graded graded = grade("event-loop", null);
        graded.failed("lab-event-loop-timer-on-time");
        graded.failed("lab-event-loop-workers-run-in-parallel", "parallel.js", "main thread");
        assertBelowHalf(graded);
    }

    @Test
    void eventLoopSyntaxErrorNamesFileAndLineAndTheOtherFileIsStillGraded() throws IOException {
        assumeNode();
        Graded graded = grade("event-loop", "syntax-error");
        graded.failed("lab-event-loop-workers-run-in-parallel", "parallel.js:6", "SyntaxError");
        graded.notFailed("lab-event-loop-timer-on-time");
    }

    @Test
    void eventLoopHardCodedResultGetsNoCredit() throws IOException {
        assumeNode();
        grade("event-loop", "hard-coded", "lab-event-loop-timer-on-time").failed("lab-event-loop-timer-on-time", "returned 1234567890");
    }

    @Test
    void eventLoopReplacedClocksAndTimersDoNotHideTheBurn() throws IOException {
        assumeNode();
        grade("event-loop", "fake-timer", "lab-event-loop-timer-on-time").failed("lab-event-loop-timer-on-time");
    }

    @Test
    void racesStarterLosesUpdatesAndItsCostCheckWaitsForTheFix() throws IOException {
        // A race shows when it shows: on a loaded machine the starter's threads may not overlap for a few samples.
        Properties untilTheRaceShows = new Properties();
        untilTheRaceShows.setProperty("max.rounds", "10");
        untilTheRaceShows.setProperty("max.seconds", "15");
        Graded graded = grade("races", null, untilTheRaceShows);
        graded.failed("lab-races-python-lock-makes-the-count-exact", "exact_total was");
        graded.failed("lab-races-python-lock-costs-time", "needs the check 'lab-races-python-lock-makes-the-count-exact'");
        graded.failed("lab-races-java-atomic-makes-the-count-exact", "exact_total was");
        graded.failed("lab-races-java-atomic-costs-time", "needs the check");
        assertEquals(0, graded.card().score());
        assertBelowHalf(graded);
    }

    @Test
    void racesPythonSyntaxErrorLeavesTheJavaChecksGraded() throws IOException {
        Graded graded = grade("races", "syntax-error");
        graded.failed("lab-races-python-lock-makes-the-count-exact", "counter.py:9", "SyntaxError");
        graded.failed("lab-races-python-lock-costs-time");
        graded.notFailed("lab-races-java-atomic-makes-the-count-exact");
        graded.notFailed("lab-races-java-atomic-costs-time");
    }

    @Test
    void racesJavaCompileErrorNamesFileAndLineAndThePythonChecksAreStillGraded() throws IOException {
        Graded graded = grade("races", "compile-error");
        graded.failed("lab-races-java-atomic-makes-the-count-exact", "Counter.java:25", "';' expected");
        graded.failed("lab-races-java-atomic-costs-time");
        graded.notFailed("lab-races-python-lock-makes-the-count-exact");
        graded.notFailed("lab-races-python-lock-costs-time");
    }

    @Test
    void racesHardCodedTotalsGetNoCredit() throws IOException {
        Graded graded = grade("races", "hard-coded");
        // Whichever shows first: no threads seen working, or a total that is not the sum of the ticks.
        graded.failedForOneOf("lab-races-python-lock-makes-the-count-exact", "exact_total was", "thread(s)");
        graded.failedForOneOf("lab-races-java-atomic-makes-the-count-exact", "exact_total was", "thread(s)");
    }

    // Issue 22: a cheat per hole, each failing the check it targets with no points (never "not gradable", which a
    // cheater could retry for free).

    @Test
    void gilForgedReplyLinesAndPatchedDriverModulesDoNotMoveTheWork() throws IOException {
        Graded graded = grade("gil", "forged-reply", "lab-gil-processes-give-a-speedup");
        graded.failed("lab-gil-processes-give-a-speedup", "processes.py", "its own process");
    }

    @Test
    void gilForgedTraceLinesDoNotMoveTheWork() throws IOException {
        Graded graded = grade("gil", "forged-trace", "lab-gil-processes-give-a-speedup");
        graded.failed("lab-gil-processes-give-a-speedup", "processes.py", "its own process");
    }

    @Test
    void gilAnAnswerRememberedOnDiskHelpsNoSample() throws IOException {
        // Inputs are drawn for every sample: a remembered answer is wrong, and without one the work is in its process.
        try {
            Graded graded = grade("gil", "memo-on-disk", "lab-gil-processes-give-a-speedup");
            graded.failed("lab-gil-processes-give-a-speedup", "processes.py");
        } finally {
            Files.deleteIfExists(Path.of("/tmp/lab-gil-memo.json"));
        }
    }

    @Test
    void gilADetachedSpinnerNeitherSlowsTheBaselineIntoCreditNorOutlivesTheSample() throws IOException {
        assumeSandbox();
        try {
            Graded graded = grade("gil", "detached-spinner", "lab-gil-processes-give-a-speedup");
            graded.failed("lab-gil-processes-give-a-speedup", "processes.py");
        } finally {
            List<Long> alive = processesWith(SPINNER);
            // Ours (the fixture's marker): ended here whatever the test says, so that no core stays busy.
            alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            assertEquals(List.of(), alive, "the cheat's detached spinner outlived its sample");
        }
    }

    @Test
    void gilTheReferenceSolutionIsOutOfReach() throws IOException {
        assumeSandbox();
        Graded graded = grade("gil", "reads-solution", "lab-gil-processes-give-a-speedup");
        graded.failed("lab-gil-processes-give-a-speedup", "processes.py");
    }

    @Test
    void gilProcessesThatTakeTurnsFail() throws IOException {
        Graded graded = grade("gil", "take-turns", "lab-gil-processes-give-a-speedup");
        graded.failed("lab-gil-processes-give-a-speedup", "processes.py");
    }

    @Test
    void eventLoopAForgedReplyAndPatchedDriverDoNotHideTheBurn() throws IOException {
        assumeNode();
        grade("event-loop", "forged-reply", "lab-event-loop-timer-on-time").failed("lab-event-loop-timer-on-time");
    }

    @Test
    void eventLoopWorkersThatTakeTurnsFail() throws IOException {
        assumeNode();
        Graded graded = grade("event-loop", "take-turns", "lab-event-loop-workers-run-in-parallel");
        graded.failed("lab-event-loop-workers-run-in-parallel", "parallel.js");
    }

    @Test
    void racesTheArithmeticTotalIsNotTheSumOfTheTicks() throws IOException {
        Graded graded = grade("races", "arithmetic", "lab-races-python-lock-makes-the-count-exact",
                "lab-races-java-atomic-makes-the-count-exact");
        // Its threads do a few ms of arithmetic instead of the ticks, which may fail the spread (work on too few
        // threads) before the total is looked at: either is a real failure.
        graded.failedForOneOf("lab-races-python-lock-makes-the-count-exact", "exact_total was", "thread(s)");
        graded.failedForOneOf("lab-races-java-atomic-makes-the-count-exact", "exact_total was", "thread(s)");
    }

    @Test
    void racesAnExactTotalComputedOnOneThreadFails() throws IOException {
        Graded graded = grade("races", "one-thread", "lab-races-python-lock-makes-the-count-exact");
        graded.failed("lab-races-python-lock-makes-the-count-exact", "counter.py", "safe_count()", "thread(s)");
    }

    /** The marker in the argv of the detached-spinner fixture's spinner. */
    private static final String SPINNER = "lab-cheat-spinner-7f3a";

    /** Processes of this machine whose command line holds {@code marker}, from /proc. */
    private static List<Long> processesWith(String marker) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String command = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (command.contains(marker)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // Ended meanwhile, or not ours to read.
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }
}
