package concurrencyclaims.claims;

import static org.junit.jupiter.api.Assertions.fail;

import concurrencyclaims.ClaimRun;
import concurrencyclaims.catalog.CatalogException;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.lab.LabRun;
import concurrencyclaims.measure.Settings;
import concurrencyclaims.report.Results;
import concurrencyclaims.sweep.Sweep;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns the claims about one runtime kind into JUnit tests: a container per claim, a test per runtime × model.
 * CONFIRMED passes; REFUTED fails with the numbers; INCONCLUSIVE and UNAVAILABLE are skipped with the reason.
 */
final class ClaimTestFactory {
    private static ClaimRun run;
    private static LabRun lab;

    private ClaimTestFactory() {
    }

    /** Why the run could not start (a malformed claim file, a bad option), once known; reported by one test only. */
    private static String startFailure;
    private static boolean startFailureReported;

    /** The run shared by every claims test class in this JVM, started by the first one; null if it cannot start. */
    static synchronized ClaimRun run() {
        if (run == null && startFailure == null) {
            Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
            try {
                if (LabRun.requested(System.getProperties())) {
                    lab = LabRun.start(root, System.getProperties(), System.out);
                    run = lab.claims();
                } else {
                    run = new ClaimRun(root, Settings.fromSystemProperties(), System.getProperty("claims"),
                            System.getProperty("python"), System.out);
                    run.sweeping(!"false".equalsIgnoreCase(System.getProperty("sweep", "").strip()),
                            Sweep.budgetFrom(System.getProperty(Sweep.BUDGET_PROPERTY)));
                }
            } catch (CatalogException | IllegalArgumentException e) {
                startFailure = e.getMessage();
                System.out.println("concurrency-claims: " + startFailure);
            }
        }
        return run;
    }

    /** The start failure as one failing test the first time it is asked for, nothing after. */
    private static synchronized Stream<DynamicNode> startFailure() {
        if (startFailureReported) {
            return Stream.empty();
        }
        startFailureReported = true;
        String message = startFailure;
        return Stream.of(DynamicTest.dynamicTest("claim files and options", () -> fail(message)));
    }

    /** The run if one was started, for the listener that writes the report at the end. */
    static synchronized ClaimRun startedRun() {
        return run;
    }

    /** The lab being graded (-Dlab), or null. */
    static synchronized LabRun startedLab() {
        return lab;
    }

    static Stream<DynamicNode> forKind(String kind) {
        ClaimRun claims = run();
        if (claims == null) {
            return startFailure();
        }
        List<DynamicNode> containers = new ArrayList<>();
        for (Claim claim : claims.claimsFor(kind)) {
            List<DynamicNode> tests = new ArrayList<>();
            for (Runtime runtime : claims.runtimesFor(claim, kind)) {
                for (String model : claim.modelsFor(kind)) {
                    tests.add(DynamicTest.dynamicTest(runtime.id() + " · " + model, () -> check(claims, claim, runtime, model)));
                }
            }
            containers.add(DynamicContainer.dynamicContainer(claim.id(), tests));
        }
        // The sweep after the claims: a number of tasks a claim measured (the costly ones) is not measured again.
        List<DynamicNode> sweeps = new ArrayList<>();
        for (Sweep.Plan plan : claims.sweepsFor(kind)) {
            sweeps.add(DynamicTest.dynamicTest(plan.label(), () -> sweep(claims, kind, plan)));
        }
        if (!sweeps.isEmpty()) {
            containers.add(DynamicContainer.dynamicContainer("sweep: cost against concurrent tasks", sweeps));
        }
        return containers.stream();
    }

    /**
     * Passes wherever the sweep went; a runtime that is not here skips; only a failure that is no limit fails. The
     * first line of a kind sweeps all its lines (they share the budget, cheapest point first).
     */
    private static void sweep(ClaimRun claims, String kind, Sweep.Plan plan) {
        Sweep.Outcome outcome;
        try {
            outcome = claims.sweep(kind, plan);
        } catch (MeasurementException e) {
            fail("the sweep of " + plan.label() + " could not start: " + e.getMessage());
            return;
        }
        Results.Sweep swept = outcome.swept();
        if (outcome.failure() != null) {
            fail("the sweep of " + plan.label() + " failed: " + outcome.failure().getMessage());
        }
        if (swept.points().isEmpty() && swept.stop() != null) {
            Assumptions.abort(swept.stop().kind() + ": " + swept.stop().reason());
        }
    }

    private static void check(ClaimRun claims, Claim claim, Runtime runtime, String model) {
        Verdict verdict;
        try {
            verdict = claims.judge(claim, runtime, model);
        } catch (MeasurementException e) {
            fail(claim.id() + " on " + runtime.id() + " · " + model + " could not be measured: " + e.getMessage());
            return;
        }
        String message = verdict.outcome() + " — " + claim.quote() + " — " + verdict.reason();
        switch (verdict.outcome()) {
            case CONFIRMED -> { }
            case REFUTED, ERROR -> fail(message);
            case INCONCLUSIVE, UNAVAILABLE -> Assumptions.abort(message);
        }
    }
}
