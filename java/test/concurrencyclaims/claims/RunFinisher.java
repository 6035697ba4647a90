package concurrencyclaims.claims;

import concurrencyclaims.ClaimRun;
import java.util.Locale;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends a claims run once JUnit has run every test: final results.json, the reports, and the verdict table as the
 * console's last word. Registered through META-INF/services; does nothing when no claim ran (mvn test).
 */
public class RunFinisher implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        ClaimRun run = ClaimTests.startedRun();
        if (run == null) {
            return;
        }
        var folder = run.finish();
        System.out.println();
        System.out.println(concurrencyclaims.results.VerdictTable.render(run.results().verdicts()));
        System.out.println(String.format(Locale.ROOT, "claims judged in %.0f s; results: %s", run.elapsedSeconds(),
                folder.resolve("results.json")));
        run.close();
    }
}
