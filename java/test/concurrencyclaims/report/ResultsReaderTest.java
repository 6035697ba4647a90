package concurrencyclaims.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFixture() throws IOException {
        Results a = Fixtures.runA();
        assertEquals("20261125-004500", a.run().id());
        assertEquals(4, a.environment().runtimes().size());
        assertTrue(a.verdicts().stream().anyMatch(v -> v.outcome() == concurrencyclaims.judge.Outcome.UNAVAILABLE));
        assertEquals("run-a", a.label());
    }

    @Test
    void aSweepThatMeasuredOneNumberOfTasksHasNoSlope() throws IOException {
        // LinearFit's slope over one number of tasks is NaN, null in the file: the file still reads.
        Results.Sweep sweep = Fixtures.runA().sweeps().stream().filter(s -> s.model().equals("child-processes"))
                .findFirst().orElseThrow();
        assertEquals(1, sweep.points().size());
        assertTrue(Double.isNaN(sweep.fit("pss_kib").orElseThrow().slope()));
        assertEquals("time budget", sweep.stop().kind());
    }

    @Test
    void aVersion1FileReadsAsTheSameRunInVersion2() throws IOException {
        Results v1 = ResultsReader.read(Fixtures.file("v1/run-a.json"));
        Results v2 = Fixtures.runA();
        // Version 1 had no sweeps; run-a has them since: the rest is the same run.
        assertTrue(v1.sweeps().isEmpty());
        assertFalse(v2.sweeps().isEmpty());
        assertEquals(new Results(null, null, v2.run(), v2.environment(), v2.verdicts(), List.of(), v2.warnings(),
                v2.benchmarks()), v1.from(null, null));
        assertEquals(List.of("threading", "thread-pool"), v1.verdicts().getFirst().claim().runtimes().get("cpython"));
    }

    @Test
    void aVersion1FileOfTheHarnessReadsWhole() throws IOException {
        Results run = ResultsReader.read(Fixtures.file("v1/results.json"));
        assertEquals("v1", run.label(), "a results.json is labelled by its folder");
        assertEquals("CPython 3.13.5, GIL off", run.runtime("cpython-3.13.5t").orElseThrow().versionAndTraits());
        assertEquals(8, run.environment().settings().maxRounds());
        assertEquals(0.0, run.environment().stealShare());
        Results.Verdict unavailable = run.verdicts().getFirst();
        assertEquals("", unavailable.keyNumber(), "null in the file");
        assertEquals(List.of(), unavailable.decision().bound());
        Results.Verdict confirmed = run.verdicts().get(2);
        assertEquals(List.of(1.5), confirmed.decision().bound());
        assertEquals("runs-in-parallel", confirmed.claim().assertion().get("kind"));
        assertEquals(Boolean.FALSE, confirmed.claim().requires().gil());
        assertEquals(0.97, confirmed.numbers().stream().filter(n -> n.metric().equals("work_parallelism")).findFirst()
                .orElseThrow().level(), "the decision rule's level, not the descriptive 95 %");
        Results.Series series = confirmed.series().getFirst();
        assertEquals("java", series.checksumReference());
        Results.Measurement sample = series.samples().getFirst();
        assertEquals(8454877049L, sample.checksum());
        assertEquals("forked from the kept one", sample.details().get("interpreter"));
        assertEquals(0.05, sample.jvmCpuSeconds(), 1e-9);
    }

    @Test
    void whatTheHarnessWroteInVersion1SurvivesAWriteInVersion2() throws IOException {
        Path file = dir.resolve("results.json");
        Results read = ResultsReader.read(Fixtures.file("v1/results.json"));
        ResultsJson.write(file, read);
        assertTrue(Files.readString(file).contains("\"schema\" : \"" + Results.SCHEMA + "\""));
        assertEquals(read.from(null, null), ResultsReader.read(file).from(null, null));
        ObjectMapper json = new ObjectMapper();
        JsonNode before = json.readTree(Fixtures.file("v1/results.json").toFile());
        ((ObjectNode) before).remove("schema");
        assertKept(before, json.readTree(file.toFile()), "");
    }

    /**
     * Every value of {@code before} is in {@code after} at the same place; {@code after} may add fields, and give a
     * null (nothing known) as "" or [], as the records read it.
     */
    private static void assertKept(JsonNode before, JsonNode after, String path) {
        if (before.isNull()) {
            assertTrue(after.isNull() || after.asText("x").isEmpty() || after.isArray() && after.isEmpty(),
                    path + ": " + after);
        } else if (before.isObject()) {
            before.properties().forEach(e -> assertKept(e.getValue(), after.path(e.getKey()), path + "/" + e.getKey()));
        } else if (before.isArray()) {
            assertEquals(before.size(), after.size(), path);
            for (int i = 0; i < before.size(); i++) {
                assertKept(before.get(i), after.get(i), path + "/" + i);
            }
        } else if (before.isNumber()) {
            assertEquals(before.doubleValue(), after.doubleValue(), 0, path);
        } else {
            assertEquals(before, after, path);
        }
    }

    @Test
    void truncatedFileNamesFileAndField() throws IOException {
        String json = Files.readString(Fixtures.file("run-a.json"));
        int cut = json.indexOf("\"series\"", json.indexOf("\"verdicts\"")) + 200;
        String message = failure(json.substring(0, cut));
        assertTrue(message.startsWith(dir.resolve("results.json") + ": field 'verdicts[0].series"), message);
        assertTrue(message.contains("not valid JSON"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void unknownOutcomeNamesTheField() throws IOException {
        String json = Files.readString(Fixtures.file("run-a.json")).replaceFirst("\"REFUTED\"", "\"MAYBE\"");
        String message = failure(json);
        assertTrue(message.matches(".*field 'verdicts\\[\\d+]\\.outcome': expected one of .*MAYBE.*"), message);
    }

    @Test
    void missingFieldAndWrongTypeAreNamed() throws IOException {
        assertTrue(failure("{\"schema\":\"concurrency-claims/results/1\",\"run\":{}}").endsWith("field 'run.id': missing"));
        String wrongType = Files.readString(Fixtures.file("run-a.json")).replaceFirst("\"wall_s\": [0-9.]+", "\"wall_s\": \"fast\"");
        assertTrue(failure(wrongType).contains("field 'verdicts[0].series[0].samples[0].wall_s': expected a number"),
                failure(wrongType));
        assertTrue(failure("").endsWith("empty file"));
        assertTrue(failure("{\"schema\":\"other/2\"}").contains("field 'schema': expected"));
    }

    @Test
    void eachDamageNamesItsField() throws IOException {
        String json = Files.readString(Fixtures.file("run-a.json"));
        String[][] damages = {  // the first match of a pattern, what replaces it, how the message ends
            {"\"available\": true", "\"available\": \"yes\"",
                "field 'environment.runtimes[0].available': expected true or false, found string \"yes\""},
            {"\"rounds\": 3", "\"rounds\": null", "field 'verdicts[0].decision.rounds': missing"},
            {"\"outcome\": \"CONFIRMED\"", "\"outcome\": 0", "field 'verdicts[0].outcome': expected one of "
                + Arrays.toString(concurrencyclaims.judge.Outcome.values()) + ", found number 0"},
            {"\"load_before\": \\[", "\"load_before\": [null,", "field 'environment.load_before[0]': missing"},
            {"\"series\": \\[", "\"series\": 7, \"x\": [", "field 'verdicts[0].series': expected a list, found number 7"},
            {"\"median\": 1.01", "\"median\": \"1.01\"",
                "field 'verdicts[0].numbers.utilisation.median': expected a number, found string \"1.01\""},
            {"\"run\": \\{", "\"run\": 5, \"x\": {", "field 'run': expected an object, found number 5"},
        };
        for (String[] damage : damages) {
            String message = failure(json.replaceFirst(damage[0], damage[1]));
            assertTrue(message.endsWith(damage[2]), message);
        }
    }

    private String failure(String content) throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, content);
        return assertThrows(MalformedResultsException.class, () -> ResultsReader.read(file)).getMessage();
    }
}
