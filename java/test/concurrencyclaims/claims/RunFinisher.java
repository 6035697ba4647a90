package concurrencyclaims.claims;

import concurrencyclaims.ClaimRun;
import concurrencyclaims.lab.LabRun;
import concurrencyclaims.lab.Scorecard;
import concurrencyclaims.report.ConsoleReport;
import concurrencyclaims.report.Reports;
import concurrencyclaims.report.ResultsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends a claims run once JUnit has run every test: final results.json, the reports next to it, and the verdict
 * matrix as the console's last word. Registered through META-INF/services; does nothing when no claim ran (mvn test).
 */
public class RunFinisher implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        ClaimRun run = ClaimTestFactory.startedRun();
        if (run == null) {
            return;
        }
        try {
            Path folder = run.finish();
            Path html = Reports.writeAll(folder);
            System.out.println();
            System.out.print(ConsoleReport.render(ResultsReader.read(folder.resolve("results.json")), html));
            System.out.println(String.format(Locale.ROOT, "claims judged in %.0f s; raw results: %s",
                    run.elapsedSeconds(), folder.resolve("results.json")));
            LabRun lab = ClaimTestFactory.startedLab();
            if (lab != null) {
                Scorecard scorecard = lab.scorecard(ResultsReader.read(folder.resolve("results.json")));
                scorecard.writeAll(folder);
                System.out.println();
                System.out.print(scorecard.markdown());
                System.out.println("scorecards: " + folder.resolve("scorecard.md") + ", scorecard.json, "
                        + "gradescope/results.json, prairielearn/results.json");
            }
        } catch (IOException e) {
            System.out.println("the reports could not be written: " + e.getMessage());
        } finally {
            run.close();
        }
    }
}
