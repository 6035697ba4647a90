package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which CPython interpreters become columns. */
class RuntimesTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));

    @Test
    void allFindsEveryUsableInterpreterOnceEach() {
        List<CPythonRuntime> found = Runtimes.pythons(ROOT, "all");
        assumeTrue(found.stream().anyMatch(r -> r.unavailableReason().isEmpty()), "no CPython 3.8+ on this machine");
        assertTrue(found.stream().allMatch(r -> r.unavailableReason().isEmpty()),
                "a scan reports only interpreters it can use: " + found);
        assertEquals(found.size(), found.stream().map(CPythonRuntime::id).distinct().count(), found.toString());
        assertTrue(found.stream().allMatch(r -> CPythonRuntime.compareVersions(
                (String) r.describe().get("version"), "3.8") >= 0), found.toString());
    }

    @Test
    void anExplicitListKeepsAMissingInterpreterAsUnavailable() {
        List<CPythonRuntime> found = Runtimes.pythons(ROOT, "/nonexistent/python3");
        assertEquals(1, found.size());
        assertFalse(found.getFirst().unavailableReason().isEmpty());
    }

    /** The build unpacks it (generate-resources), so under Maven it is always there. */
    @Test
    void theEmbeddedCPythonRunsTheDriverWithoutAnythingOnPath() {
        List<CPythonRuntime> found = Runtimes.pythons(ROOT, "embedded");
        assertEquals(1, found.size());
        CPythonRuntime embedded = found.getFirst();
        assertTrue(embedded.unavailableReason().isEmpty(), embedded + ": " + embedded.unavailableReason());
        assertTrue(embedded.id().startsWith("cpython-3.14"), embedded.id());
        assertEquals("forkserver", embedded.describe().get("default_start_method"), embedded.describe().toString());
        assertTrue(embedded.executable().startsWith(PythonInterpreters.embeddedFolder(ROOT).toAbsolutePath().toString())
                || embedded.executable().contains("embedded-python"), embedded.executable());
    }

    @Test
    void aNamedBuildThatIsMissingSaysHowToGetIt() {
        Path empty = ROOT.resolve("target").resolve("no-project-here");
        CPythonRuntime embedded = Runtimes.pythons(empty, "embedded").getFirst();
        assertTrue(embedded.unavailableReason().orElseThrow().contains("mvn verify"), embedded.unavailableReason().get());
    }

    @Test
    void aFreeThreadedBuildJudgesOnlyTheClaimsAboutTheGilInADefaultRun() {
        List<CPythonRuntime> found = Runtimes.pythons(ROOT, "");
        assertFalse(found.getFirst().judgesOnlyClaimsAboutTheGil(), found.toString());
        for (CPythonRuntime extra : found.subList(1, found.size())) {
            assertEquals(Boolean.FALSE, extra.describe().get("gil_enabled"), extra.toString());
            assertTrue(extra.judgesOnlyClaimsAboutTheGil(), extra.toString());
        }
    }
}
