package concurrencyclaims.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.catalog.Catalog;
import concurrencyclaims.catalog.CatalogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab definitions: the shipped ones load; a mistake in one is one line that says what to fix. */
class LabTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void theShippedLabsLoadWithTheirPointsAndStarters() {
        assertEquals(List.of("event-loop", "gil", "races"), Lab.names(ROOT));
        for (String name : Lab.names(ROOT)) {
            Lab lab = Lab.load(ROOT, name);
            assertEquals(10, lab.maxScore(), name);
            lab.claims().forEach(c -> assertTrue(Files.isRegularFile(lab.folder().resolve("solution")
                    .resolve(lab.entry(c).file())), name + ": no solution for " + lab.entry(c).file()));
            assertTrue(Files.isRegularFile(lab.folder().resolve("README.md")), name + ": no hand-out");
        }
    }

    @Test
    void anUnknownLabNamesTheLabsThereAre() {
        CatalogException e = assertThrows(CatalogException.class, () -> Lab.load(ROOT, "gill"));
        assertTrue(e.getMessage().contains("[event-loop, gil, races]"), e.getMessage());
    }

    private List<String> problems(String yaml) throws IOException {
        Files.writeString(folder.resolve("threads.py"), "");
        Path file = folder.resolve("lab.yaml");
        Files.writeString(file, yaml);
        return Lab.problems(Catalog.read(file, Lab.LabFile.class), folder);
    }

    private static final String CLAIM = """
              - id: %s
                quote: q
                source: {document: d}
                workload: integer_hash
                runtimes: {cpython: [%s]}
                assertion: {kind: no-speedup, max_utilisation: 1.5}
                bound_source: b
            """;

    @Test
    void saysWhatIsMissingOrOutOfOrder() throws IOException {
        List<String> problems = problems("""
            title: t
            entries:
              cpython:
                threads: {file: threads.py, calls: {result: with_threads}, spread: cores}
                processes: {file: processes.py, calls: {}}
            checks:
              - {claim: b, points: 1, after: a}
              - {claim: a, points: 0}
            claims:
            """ + CLAIM.formatted("a", "threads") + CLAIM.formatted("b", "processes")
                + CLAIM.formatted("c", "sequential"));
        String all = String.join("\n", problems);
        assertTrue(all.contains("spread must be one of"), all);
        assertTrue(all.contains("no starter file"), all);
        assertTrue(all.contains("calls is empty"), all);
        assertTrue(all.contains("'after' must name a check listed before it"), all);
        assertTrue(all.contains("needs 'points'"), all);
        assertTrue(all.contains("'sequential' is the suite's own sequential baseline"), all);
    }
}
