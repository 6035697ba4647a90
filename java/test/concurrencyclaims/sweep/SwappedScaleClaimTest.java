package concurrencyclaims.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.CostRatio;
import concurrencyclaims.judge.DecisionRule;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.judge.PlanContext;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.measure.Measurer;
import concurrencyclaims.measure.Settings;
import concurrencyclaims.runtime.CPythonRuntime;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.WorkloadSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claim that threads cost less memory per task than processes, measured for real at 100 tasks, and the same claim
 * with its models swapped (processes cheaper than threads): the first must come out CONFIRMED and the second REFUTED,
 * or the claim could not fail.
 */
class SwappedScaleClaimTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final int TASKS = 100;
    private static CPythonRuntime python;

    @BeforeAll
    static void probe() {
        python = CPythonRuntime.probe(System.getProperty("python", "").isBlank() ? "python3"
                : System.getProperty("python"), ROOT);
        assumeTrue(python.unavailableReason().isEmpty(), () -> "no CPython here: " + python.unavailableReason().get());
        assumeTrue(python.models().contains("multiprocessing-fork"), "this interpreter has no fork start method");
    }

    @AfterAll
    static void close() {
        if (python != null) {
            python.close();
        }
    }

    private static Verdict judge(String costlier, String cheaper) throws MeasurementException {
        CostRatio assertion = new CostRatio(cheaper, 1.0, null, "pss_kib_per_task");
        Claim claim = new Claim("threads-cost-less-memory-than-processes-at-100", "q", new Claim.Source("d", "s", "u"),
                null, Sweep.WORKLOAD, Map.of("cpython", List.of(costlier)), TASKS, Sweep.WAIT_MS, TASKS, null,
                Sweep.parameters("sleep"), assertion, "the source's word", null);
        // Both sides run on CPython: the control is never asked for.
        PlanContext plan = new PlanContext(claim, python, costlier, python, 2,
                r -> new WorkloadSize(TASKS, Sweep.WAIT_MS), Sweep.parameters("sleep"));
        Settings settings = new Settings(true, 0, 6, 60, 0.2, Duration.ofSeconds(90));
        Measurer.Session session = new Measurer(settings, line -> { }).session(assertion.series(plan), claim.id());
        String last = "";
        for (int round = 0; round < settings.maxRounds(); round++) {
            session.round();
            if (round + 1 >= DecisionRule.FIRST_LOOK) {
                var judgement = DecisionRule.judge(assertion.assess(session.measurements(), plan),
                        session.measurements(), settings.maxRounds());
                if (judgement.settled()) {
                    return judgement.verdict();
                }
                last = judgement.verdict().reason();
            }
        }
        throw new AssertionError("undecided after " + settings.maxRounds() + " rounds: " + last);
    }

    @Test
    void processesCostMoreMemoryPerTaskThanThreadsAndTheSwappedClaimIsRefuted() throws MeasurementException {
        Verdict claim = judge("multiprocessing-fork", "threading");
        assertEquals(Outcome.CONFIRMED, claim.outcome(), claim.reason());
        Verdict swapped = judge("threading", "multiprocessing-fork");
        assertEquals(Outcome.REFUTED, swapped.outcome(), swapped.reason());
    }
}
