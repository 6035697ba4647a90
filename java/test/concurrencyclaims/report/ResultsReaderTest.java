package concurrencyclaims.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(failure(json.replaceFirst("\"available\": true", "\"available\": \"yes\""))
                .endsWith("field 'environment.runtimes[0].available': expected true or false, found string \"yes\""));
        assertTrue(failure(json.replaceFirst("\"rounds\": 3", "\"rounds\": null"))
                .endsWith("field 'verdicts[0].decision.rounds': missing"));
        assertTrue(failure(json.replaceFirst("\"outcome\": \"CONFIRMED\"", "\"outcome\": 0"))
                .contains("field 'verdicts[0].outcome': expected one of"));
        assertTrue(failure(json.replaceFirst("\"load_before\": \\[", "\"load_before\": [null,"))
                .endsWith("field 'environment.load_before[0]': missing"));
        assertTrue(failure(json.replaceFirst("\"series\": \\[", "\"series\": 7, \"x\": ["))
                .endsWith("field 'verdicts[0].series': expected a list, found number 7"));
        assertTrue(failure(json.replaceFirst("\"median\": 1.01", "\"median\": \"1.01\""))
                .endsWith("field 'verdicts[0].numbers.utilisation.median': expected a number, found string \"1.01\""));
        assertTrue(failure(json.replaceFirst("\"run\": \\{", "\"run\": 5, \"x\": {"))
                .endsWith("field 'run': expected an object, found number 5"));
    }

    private String failure(String content) throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, content);
        return assertThrows(MalformedResultsException.class, () -> ResultsReader.read(file)).getMessage();
    }
}
