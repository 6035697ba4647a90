package concurrencyclaims.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareRunsTest {

    @Test
    void marksChangedVerdictsAndSignificantDifferences() throws Exception {
        List<CompareRuns.Difference> differences = CompareRuns.differences(Fixtures.runA(), Fixtures.runB());
        CompareRuns.Difference processes = find(differences, "cpython-processes-cpu-speedup", "multiprocessing");
        // Interpreter 3.11 on 2 cores vs 3.13 on 8 cores: same column, different verdict, a real speedup change.
        assertEquals("cpython", processes.column());
        assertTrue(processes.verdictChanged());
        assertTrue(processes.significant(), "p=" + processes.pAdjusted());
        CompareRuns.Difference gil = find(differences, "cpython-threads-no-cpu-speedup", "threading");
        assertFalse(gil.verdictChanged());
        assertEquals("utilisation per round", gil.testedOn());
    }

    @Test
    void benjaminiHochbergAdjustsByRank() {
        double[] adjusted = ReportStats.benjaminiHochberg(new double[]{0.01, Double.NaN, 0.04, 0.03});
        assertEquals(0.03, adjusted[0], 1e-12);
        assertTrue(Double.isNaN(adjusted[1]));
        assertEquals(0.04, adjusted[3], 1e-12);
        assertEquals(0.04, adjusted[2], 1e-12);
    }

    @Test
    void mannWhitneySeparatesShiftedSamples() {
        double[] low = {1.0, 1.1, 0.9, 1.05, 0.95, 1.02};
        double[] high = {2.0, 2.1, 1.9, 2.05, 1.95, 2.02};
        assertTrue(ReportStats.mannWhitneyP(low, high) < 0.01);
        assertTrue(ReportStats.mannWhitneyP(low, low) > 0.5);
    }

    private static CompareRuns.Difference find(List<CompareRuns.Difference> all, String claim, String model) {
        return all.stream().filter(d -> d.claim().equals(claim) && d.model().equals(model)).findFirst().orElseThrow();
    }
}
