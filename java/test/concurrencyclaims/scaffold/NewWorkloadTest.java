package concurrencyclaims.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concurrencyclaims.catalog.Catalog;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.catalog.WorkloadFiles;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.NodeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaffold writes a workload whose three implementations agree, and claims the catalog accepts. */
class NewWorkloadTest {
    private static final Path PROJECT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();

    /** A project root with the folders the scaffold writes into. */
    private static Path project(Path dir) throws IOException {
        for (String folder : List.of("python/workloads", "js/workloads", "java/main/concurrencyclaims/workloads", "suites")) {
            Files.createDirectories(dir.resolve(folder));
        }
        return dir;
    }

    /** Runs the scaffold's main as Maven would, in a child JVM: its exit code and what it printed. */
    private static ChildProcess.Result scaffold(Path root, String name) throws MeasurementException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ChildProcess.of("new-workload", List.of(java, "-Dproject.root=" + root,
                PROJECT.resolve("java/main/concurrencyclaims/scaffold/NewWorkload.java").toString(), name))
                .timeout(Duration.ofSeconds(60)).start().await();
    }

    @Test
    void writesThreeImplementationsThatAgreeAndClaimsTheCatalogAccepts(@TempDir Path dir) throws Exception {
        Path root = project(dir);
        ChildProcess.Result r = scaffold(root, "demo_loop");
        assertEquals(0, r.exitCode(), r.stderrTail());
        assertTrue(r.stdout().contains("wrote java/main/concurrencyclaims/workloads/DemoLoop.java"), r.stdout());

        long iterations = 20_000;
        String python = ChildProcess.of("python", List.of("python3", "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                + " import demo_loop; print(demo_loop.chunk(0, 12, " + iterations + ", {}))",
                root.resolve("python/workloads").toString())).timeout(Duration.ofSeconds(60)).run().stdout().strip();
        NodeRuntime node = (NodeRuntime) NodeRuntime.discover(PROJECT).getFirst();
        String js = ChildProcess.of("node", List.of(node.executable().toString(), "-e", "console.log(require(process.argv[1])"
                + ".units(0, 12, " + iterations + "))", root.resolve("js/workloads/demo_loop.js").toString()))
                .timeout(Duration.ofSeconds(60)).run().stdout().strip();
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"),
                root.resolve("java/main/concurrencyclaims/workloads/DemoLoop.java").toString());
        assertEquals(0, compiled, errors.toString());
        long java;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            var unit = loader.loadClass("concurrencyclaims.workloads.DemoLoop").getDeclaredMethod("unit", int.class,
                    long.class);
            unit.setAccessible(true);
            long sum = 0;
            for (int u = 0; u < 12; u++) {
                sum += (long) unit.invoke(null, u, iterations);
            }
            java = sum;
        }
        assertEquals(Long.toString(java), python, "python and java");
        assertEquals(Long.toString(java), js, "javascript and java");

        WorkloadFiles files = new WorkloadFiles(root);
        assertTrue(files.sizedByTime("demo_loop"), "the Python and JavaScript files declare it");
        assertEquals(List.of("python", "js"), files.languages("demo_loop"), "the Java class is not compiled here");
        List<Claim> claims = Catalog.load(root.resolve("suites"), root).claims();
        assertEquals(List.of("demo-loop-threads-no-cpu-speedup", "demo-loop-processes-run-in-parallel"),
                claims.stream().map(Claim::id).toList());
        assertTrue(claims.getFirst().requires() != null && claims.getFirst().requires().aboutTheGil(),
                "the threads claim quotes the GIL sentence: it is about interpreters with the GIL");
        assertTrue(r.stdout().contains("next: mvn verify -DskipUnitTests -Dclaims="), r.stdout());
    }

    @Test
    void refusesANameThatExistsOrIsNoIdentifierInOneLine(@TempDir Path dir) throws Exception {
        Path root = project(dir);
        Files.writeString(root.resolve("js/workloads/taken.js"), "");
        for (String name : List.of("taken", "Not-A-Name", "9lives")) {
            ChildProcess.Result r = scaffold(root, name);
            assertEquals(2, r.exitCode(), name);
            assertEquals(1, r.stderrTail().strip().lines().count(), r.stderrTail());
            assertTrue(r.stdout().isBlank(), "writes nothing: " + r.stdout());
            assertTrue(!name.equals("taken") || r.stderrTail().contains("js/workloads/taken.js"), r.stderrTail());
        }
    }
}
