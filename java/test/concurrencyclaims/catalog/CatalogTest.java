package concurrencyclaims.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.judge.CostRatio;
import concurrencyclaims.judge.NoSpeedup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
    private static final String GOOD = "/catalog/good.yaml";

    private static String good() throws IOException {
        try (var in = CatalogTest.class.getResourceAsStream(GOOD)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aGoodFileGivesEveryFieldAndTypedAssertions(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("good.yaml"), good());
        List<Claim> claims = Catalog.parse(file);
        assertEquals(2, claims.size());
        Claim first = claims.getFirst();
        assertEquals("threads-no-speedup", first.id());
        assertEquals("https://example.org", first.source().url());
        assertEquals(List.of("threading"), first.modelsFor("cpython"));
        assertEquals(2, first.workersOrDefault());
        assertEquals(1.15, assertInstanceOf(NoSpeedup.class, first.assertion()).maxUtilisation());
        assertEquals("platform-threads", assertInstanceOf(CostRatio.class, claims.get(1).assertion()).cheaperModel().forKind("java"));
        assertEquals(0L, claims.get(1).iterations());
    }

    @Test
    void theProjectsOwnSuitesParse() {
        Catalog catalog = Catalog.load(Path.of(System.getProperty("project.root", ".")).resolve("suites"));
        assertFalse(catalog.claims().isEmpty());
    }

    /** Each broken variant of the good file gives one line naming the file and what is wrong. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown field         | 'runtimes: {cpython' | 'runtime: {cpython' | unknown field 'runtime'",
        "unknown assertion     | 'kind: no-speedup'    | 'kind: no-spedup'     | unknown assertion kind: 'no-spedup'",
        "missing kind          | '{kind: no-speedup, ' | '{'                   | needs a 'kind'",
        "unknown model         | '[threading]'         | '[threadz]'           | unknown model 'threadz' for runtime cpython",
        "no models             | '{cpython: [threading]}' | '{cpython: []}'    | no models for runtime cpython",
        "unknown runtime       | '{cpython: [threading]}' | '{jython: [threading]}' | unknown runtime 'jython'",
        "unknown workload      | 'workload: integer_hash' | 'workload: primes'  | unknown workload 'primes'",
        "fixed size missing    | 'workload: integer_hash' | 'workload: sleep_wait' | needs 'iterations'",
        "threshold out of range| 'max_utilisation: 1.15' | 'max_utilisation: 7' | 'max_utilisation' must lie in",
        "missing quote         | 'quote: \"Threads do not speed up CPU work.\"' | 'quote: \"\"' | 'quote'",
        "bad id                | 'id: threads-no-speedup' | 'id: Threads No' | 'id' must be",
        "not YAML at all       | 'claims:'             | 'claims: [: :'        | good.yaml",
        "units without size    | 'workers: 1\n    iterations: 0' | 'workers: 1\n    units: 100' | 'units' needs a fixed 'iterations'",
        "units not split       | 'workers: 1\n    iterations: 0' | 'workers: 3\n    iterations: 0\n    units: 100' | positive multiple of 'workers'",
        "no cheaper side       | 'cheaper_model: platform-threads, ' | '' | name the cheaper side",
        "cheaper elsewhere     | 'cheaper_model: platform-threads, ' | 'cheaper_runtime: cpython, cheaper_model: threading, ' | 'cheaper_runtime' can only be java",
        "no bound source       | 'bound_source: \"the source: far more\"' | '' | 'bound_source' is missing",
        "not a control model   | 'cheaper_model: platform-threads, ' | 'cheaper_runtime: java, cheaper_model: threading, ' | must be one of [sequential, platform-threads",
    })
    void aBrokenFileNamesTheFileAndTheProblem(String name, String from, String to, String expected, @TempDir Path dir)
            throws IOException {
        String text = good();
        String original = from.replace("\\n", "\n");
        assertTrue(text.contains(original), "fixture lacks " + original);
        Path file = Files.writeString(dir.resolve("good.yaml"), text.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))));
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.parse(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aCheaperModelCanBeNamedPerRuntime(@TempDir Path dir) throws IOException {
        String perRuntime = good().replace("runtimes: {java: [child-processes]}",
                "runtimes: {java: [child-processes], cpython: [multiprocessing-spawn]}").replace(
                "cheaper_model: platform-threads", "cheaper_model: {java: platform-threads, cpython: threading}");
        CostRatio cost = assertInstanceOf(CostRatio.class,
                Catalog.parse(Files.writeString(dir.resolve("map.yaml"), perRuntime)).get(1).assertion());
        assertEquals("threading", cost.cheaperModel().forKind("cpython"));
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.parse(Files.writeString(
                dir.resolve("gap.yaml"), perRuntime.replace(", cpython: threading}", "}"))));
        assertTrue(e.getMessage().contains("'cheaper_model' for cpython"), e.getMessage());
    }

    @Test
    void aClaimCanRunMoreUnitsAndCompareAgainstOtherWorkloadParameters(@TempDir Path dir) throws IOException {
        String text = good().replace("iterations: 0\n", "iterations: 64\n    units: 2000\n    parameters: {channel: message}\n")
                .replace("cheaper_model: platform-threads", "cheaper_parameters: {channel: shared-memory}");
        Claim claim = Catalog.parse(Files.writeString(dir.resolve("units.yaml"), text)).get(1);
        assertEquals(2000, claim.unitsOrDefault());
        assertEquals(java.util.Map.of("channel", "message"), claim.parameters());
        CostRatio cost = assertInstanceOf(CostRatio.class, claim.assertion());
        assertEquals(java.util.Map.of("channel", "shared-memory"), cost.cheaperParameters());
        assertEquals(null, cost.cheaperModel());
        assertEquals(12, Catalog.parse(Files.writeString(dir.resolve("good.yaml"), good())).get(1).unitsOrDefault());
        String onControl = good().replace("runtimes: {java: [child-processes]}", "runtimes: {node: [worker-threads]}")
                .replace("cheaper_model: platform-threads", "cheaper_runtime: java, cheaper_model: platform-threads");
        CostRatio againstJava = assertInstanceOf(CostRatio.class,
                Catalog.parse(Files.writeString(dir.resolve("control.yaml"), onControl)).get(1).assertion());
        assertEquals("java", againstJava.cheaperRuntime());
    }

    @Test
    void duplicateIdsAcrossFilesAreRejected(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), good());
        Files.writeString(dir.resolve("b.yaml"), good());
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.load(dir));
        assertTrue(e.getMessage().contains("already used in"), e.getMessage());
    }

    @Test
    void aFolderWithoutClaimFilesSaysSo(@TempDir Path dir) {
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.load(dir));
        assertTrue(e.getMessage().contains("no *.yaml claim files"), e.getMessage());
    }
}
