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
    void aFreeThreadedBuildAndPyPyJudgeOnlyTheClaimsAboutTheGilInADefaultRun() {
        List<CPythonRuntime> found = Runtimes.pythons(ROOT, "");
        assertFalse(found.getFirst().judgesOnlyClaimsAboutTheGil(), found.toString());
        for (CPythonRuntime extra : found.subList(1, found.size())) {
            assertTrue(Boolean.FALSE.equals(extra.describe().get("gil_enabled"))
                    || "PyPy".equals(extra.describe().get("implementation")), extra.toString());
            assertTrue(extra.judgesOnlyClaimsAboutTheGil(), extra.toString());
        }
        CPythonRuntime pypy = Runtimes.pythons(ROOT, "pypy").getFirst();
        assertEquals(pypy.unavailableReason().isEmpty(), found.stream().anyMatch(r -> r.id().equals(pypy.id())),
                found.toString());
    }

    /** The build fetches it (generate-resources) unless -DskipPyPy: then it runs from the cache, with its library. */
    @Test
    void theFetchedPyPyRunsTheDriverWithItsLibraryPath() {
        var fetched = PythonInterpreters.cachedPyPy(ROOT);
        assumeTrue(fetched.isPresent(), "no PyPy fetched on this machine (mvn -DskipPyPy?)");
        String library = fetched.get().environment().get("LD_LIBRARY_PATH");
        assertTrue(library != null && library.contains("/usr/lib/"), fetched.toString());
        CPythonRuntime pypy = CPythonRuntime.probe(fetched.get().executable().toString(), fetched.get().environment(),
                ROOT);
        assertTrue(pypy.unavailableReason().isEmpty(), pypy + ": " + pypy.unavailableReason());
        assertEquals("PyPy", pypy.describe().get("implementation"), pypy.describe().toString());
        assertEquals(fetched.get().environment(), pypy.environment());
        assertTrue(Runtimes.pythons(ROOT, "all").stream().anyMatch(r -> r.id().equals(pypy.id())),
                "-Dpython=all has the fetched PyPy");
        CPythonRuntime withoutItsLibrary = CPythonRuntime.probe(fetched.get().executable().toString(), ROOT);
        assertTrue(withoutItsLibrary.unavailableReason().isPresent(), "without LD_LIBRARY_PATH it should not start");
    }

    @Test
    void aMissingPyPySaysHowToGetIt() {
        Path empty = ROOT.resolve("target").resolve("no-project-here");
        CPythonRuntime pypy = Runtimes.pythons(empty, "pypy").getFirst();
        assumeTrue(pypy.unavailableReason().isPresent(), "pypy3 is on PATH");
        assertTrue(pypy.unavailableReason().get().contains("fetch-pypy.sh"), pypy.unavailableReason().get());
    }
}
