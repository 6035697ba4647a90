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

    private String failure(String content) throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, content);
        return assertThrows(MalformedResultsException.class, () -> ResultsReader.read(file)).getMessage();
    }
}
