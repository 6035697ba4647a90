package concurrencyclaims.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.lab.Scorecard.Graded;
import concurrencyclaims.lab.Scorecard.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a scorecard is written as, against the field lists of ../shared/notes/autograders.md. */
class ScorecardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scorecard CARD = new Scorecard("gil", "Lab gil", "/sub", 41.6, List.of(
            new Graded("threads", "Threads do not help.", Status.PASSED, 4, 4, "utilisation 0.97×", null),
            new Graded("processes", "Processes do.", Status.FAILED, 0, 6, "processes.py:3: NameError", "use a Pool"),
            new Graded("later", "Not now.", Status.NOT_GRADABLE, 0, 2, "no decision within the budget", null)),
            new Scorecard.Isolation("bubblewrap 0.8.0: …", true, false));
    /** Every check decided; only the sandbox is missing. */
    private static final List<Graded> DECIDED = List.of(
            new Graded("threads", "Threads do not help.", Status.PASSED, 4, 4, "utilisation 0.97×", null),
            new Graded("processes", "Processes do.", Status.FAILED, 0, 6, "processes.py:3: NameError", "use a Pool"));

    @TempDir
    Path folder;

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void scoresOnlyPassedChecksAndAnUndecidedOneMakesTheAttemptNotGradable() {
        assertEquals(4, CARD.score());
        assertEquals(12, CARD.maxScore());
        assertFalse(CARD.gradable());
    }

    @Test
    void writesTheScorecardAndBothPlatformsFiles() throws IOException {
        CARD.writeAll(folder);
        JsonNode card = JSON.readTree(folder.resolve("scorecard.json").toFile());
        assertTrue(fields(card).containsAll(Set.of("lab", "score", "max_score", "gradable", "checks")));
        assertEquals("not gradable", card.path("checks").get(2).path("status").asText());

        JsonNode gradescope = JSON.readTree(folder.resolve("gradescope/results.json").toFile());
        assertTrue(fields(gradescope).containsAll(Set.of("score", "execution_time", "output", "tests")));
        assertEquals(4, gradescope.path("score").asInt());
        assertEquals(42, gradescope.path("execution_time").asInt());
        for (JsonNode test : gradescope.path("tests")) {
            assertEquals(Set.of("name", "score", "max_score", "status", "output", "visibility"), fields(test));
            assertTrue(Set.of("passed", "failed").contains(test.path("status").asText()));
            assertTrue(Set.of("hidden", "after_due_date", "after_published", "visible")
                    .contains(test.path("visibility").asText()));
        }
        JsonNode undecided = gradescope.path("tests").get(2);
        assertEquals(0, undecided.path("score").asInt());
        assertTrue(undecided.path("output").asText().startsWith("not gradable"), undecided.toString());
        assertTrue(gradescope.path("tests").get(1).path("output").asText().contains("hint: use a Pool"));

        JsonNode prairie = JSON.readTree(folder.resolve("prairielearn/results.json").toFile());
        assertTrue(fields(prairie).containsAll(Set.of("gradable", "score", "message", "tests")));
        assertFalse(prairie.path("gradable").asBoolean(true));
        assertEquals(4 / 12.0, prairie.path("score").asDouble(), 1e-9);
        for (JsonNode test : prairie.path("tests")) {
            assertEquals(Set.of("name", "description", "points", "max_points", "message", "output"), fields(test));
        }
        assertTrue(folder.resolve("scorecard.md").toFile().isFile());
    }

    @Test
    void anUnsandboxedRunIsNotGradableUnlessTheInstructorAcceptsIt() throws IOException {
        Scorecard.Isolation none = new Scorecard.Isolation("none: bubblewrap (bwrap) is not installed", false, false);
        Scorecard card = new Scorecard("gil", "Lab gil", "/sub", 10, DECIDED, none);
        assertFalse(card.gradable());
        card.writeAll(folder);
        JsonNode json = JSON.readTree(folder.resolve("scorecard.json").toFile());
        assertFalse(json.path("gradable").asBoolean(true));
        assertFalse(json.path("isolated").asBoolean(true));
        assertEquals(none.sandbox(), json.path("sandbox").asText());
        JsonNode prairie = JSON.readTree(folder.resolve("prairielearn/results.json").toFile());
        assertFalse(prairie.path("gradable").asBoolean(true));
        assertTrue(prairie.path("message").asText().startsWith("NOT GRADED"), prairie.toString());
        JsonNode gradescope = JSON.readTree(folder.resolve("gradescope/results.json").toFile());
        assertEquals(0, gradescope.path("score").asInt(-1), "Gradescope has no 'not gradable': no points count");
        assertTrue(gradescope.path("output").asText().startsWith("NOT GRADED: the submission could not be sandboxed"));
        assertTrue(gradescope.path("output").asText().contains("-Dlab.unsandboxed=accept"));
        for (JsonNode test : gradescope.path("tests")) {
            assertEquals(0, test.path("score").asInt(-1), test.toString());
        }
        String md = java.nio.file.Files.readString(folder.resolve("scorecard.md"));
        assertTrue(md.contains("not graded: no sandbox") && md.contains("NOT GRADED"), md);

        Scorecard accepted = new Scorecard("gil", "Lab gil", "/sub", 10, DECIDED,
                new Scorecard.Isolation(none.sandbox(), false, true));
        assertTrue(accepted.gradable());
        accepted.writeAll(folder);
        assertEquals(4, JSON.readTree(folder.resolve("gradescope/results.json").toFile()).path("score").asInt());
        JsonNode prairieAccepted = JSON.readTree(folder.resolve("prairielearn/results.json").toFile());
        assertTrue(prairieAccepted.path("gradable").asBoolean(false));
        assertEquals(0.4, prairieAccepted.path("score").asDouble(), 1e-9);
        assertTrue(JSON.readTree(folder.resolve("scorecard.json").toFile()).path("unsandboxed_accepted").asBoolean());
        assertTrue(java.nio.file.Files.readString(folder.resolve("scorecard.md")).contains("WITHOUT a sandbox"));
    }
}
