package concurrencyclaims.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.FakeRuntime;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.DecisionRule;
import concurrencyclaims.judge.NoSpeedup;
import concurrencyclaims.judge.PlanContext;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.report.Results;
import concurrencyclaims.report.ResultsReader;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the harness writes is what the reports read: one set of records, the current schema. */
class RunResultsTest {
    @TempDir
    Path dir;

    @Test
    void aVerdictWrittenReadsBackWithItsClaimNumbersAndSamples() throws Exception {
        FakeRuntime runtime = new FakeRuntime("model", job -> null);
        Claim claim = new Claim("c", "q", new Claim.Source("d", "s", "u"), null, "integer_hash",
                Map.of("java", List.of("platform-threads")), 2, null, null, new NoSpeedup(1.15));
        PlanContext plan = new PlanContext(claim, runtime, "platform-threads", new FakeRuntime("control", job -> null),
                2, r -> new WorkloadSize(12, 1000));
        Measurements measurements = new Measurements();
        for (Series series : claim.assertion().series(plan)) {
            for (int round = 0; round < 3; round++) {
                double wall = series.role().equals("control") ? 0.5 : 1.0;
                measurements.add(series, new MeasuredSample(round, false, new Sample(wall, 1.0, 7, -1,
                        Map.of("gil_enabled", true)), wall + 0.01, 0.0));
            }
        }
        Verdict verdict = DecisionRule.judge(claim.assertion().assess(measurements, plan), measurements, 8).verdict();

        RunResults results = new RunResults(dir, "quick", Environment.capture());
        results.runtimes(List.of(new Results.RuntimeInfo("model", "fake", "python", true, null,
                Map.of("version", "3.14", "jit", false))));
        results.add(VerdictRecord.of(claim, "model", "python", "platform-threads", verdict, measurements, 1.5));
        results.finish();

        JsonNode file = new ObjectMapper().readTree(results.file().toFile());
        assertEquals(Results.SCHEMA, file.path("schema").asText());
        assertTrue(file.at("/verdicts/0/decision/bound").isNumber(), "a one-sided bound is one number, as in version 1");
        assertEquals(1.15, file.at("/verdicts/0/claim/assertion/max_utilisation").asDouble());

        Results read = ResultsReader.read(results.file());
        assertFalse(read.run().finished().isEmpty());
        assertEquals(false, read.runtime("model").orElseThrow().details().get("jit"));
        Results.Verdict v = read.verdicts().getFirst();
        assertEquals(verdict.outcome(), v.outcome());
        assertEquals(List.copyOf(verdict.numbers().keySet()), v.numbers().stream().map(Results.Estimate::metric).toList());
        assertEquals(verdict.decision().rounds(), v.decision().rounds());
        assertEquals("d", v.claim().document());
        Results.Measurement sample = v.series().getFirst().samples().getFirst();
        assertEquals(7, sample.checksum());
        assertEquals(Map.of("gil_enabled", true), sample.details());
        assertTrue(Double.isNaN(sample.jvmCpuSeconds()), "not measured: null in the file, NaN read back");
    }

    @Test
    void aSweepLineSweptFurtherReplacesItselfInTheFile() throws Exception {
        RunResults results = new RunResults(dir, "quick", Environment.capture());
        results.add(line("node", "event-loop", "sleep", 1, new Results.SweepStop(100, "unfinished", "being swept")));
        results.add(line("node", "event-loop", "tcp", 1, null));
        results.add(line("node", "event-loop", "sleep", 2, null));
        Results read = ResultsReader.read(results.file());
        assertEquals(2, read.sweeps().size(), "one line per runtime, model and wait");
        Results.Sweep sleep = read.sweeps().stream().filter(s -> s.waitKind().equals("sleep")).findFirst()
                .orElseThrow();
        assertEquals(2, sleep.points().size());
        assertEquals(null, sleep.stop(), "the line as it ended, not as it stood");
    }

    private static Results.Sweep line(String runtime, String model, String wait, int points, Results.SweepStop stop) {
        List<Results.SweepPoint> swept = new java.util.ArrayList<>();
        for (int p = 0; p < points; p++) {
            swept.add(new Results.SweepPoint((int) Math.pow(10, p + 1), List.of()));
        }
        return new Results.Sweep(runtime, "js", model, "many_waits", wait, 100, Map.of(), swept, stop, List.of(),
                null, null);
    }
}
