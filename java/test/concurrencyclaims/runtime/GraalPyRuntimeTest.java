package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.workloads.IntegerHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * GraalPy's column: the driver's serve protocol (checked on CPython, which starts in milliseconds), then GraalPy itself
 * through its child JVM.
 */
@Order(2)  // among the longest: started first (pom.xml)
class GraalPyRuntimeTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static JsonNode ask(InteractiveChild server, List<String> argv) throws Exception {
        server.write((JSON.writeValueAsString(argv) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return JSON.readTree(server.readLine());
    }

    @Test
    void theServerAnswersEachRequestGoesOnAfterAUsageErrorAndEndsAfterAFailedRun() throws Exception {
        CPythonRuntime python = CPythonRuntime.probe(ChildProcessTest.PYTHON, ROOT);
        assumeTrue(python.unavailableReason().isEmpty(), () -> "no CPython here: " + python.unavailableReason().get());
        String driver = ROOT.resolve("python/driver.py").toString();
        try (InteractiveChild server = InteractiveChild.start("driver serve",
                List.of(python.executable(), "-E", "-s", driver, "serve"), TIMEOUT)) {
            assertEquals("CPython", ask(server, List.of("describe")).path("report").path("implementation").asText());
            JsonNode run = ask(server, List.of("run", "--workload", "integer_hash", "--model", "threading",
                    "--workers", "2", "--units", "2", "--iterations", "1000"));
            assertEquals(IntegerHash.units(0, 2, 1000), run.path("report").path("checksum").asLong(), run.toString());
            JsonNode usage = ask(server, List.of("run", "--workload", "nope", "--model", "threading", "--workers", "1",
                    "--units", "1", "--iterations", "1"));
            assertEquals(2, usage.path("exit_code").asInt(), usage.toString());
            assertTrue(usage.path("error").asText().contains("unknown workload 'nope'"), usage.toString());
            JsonNode failed = ask(server, List.of("run", "--workload", "tcp_echo", "--model", "threading",
                    "--workers", "1", "--units", "1", "--iterations", "1", "--param", "echo_port=1"));
            assertEquals(1, failed.path("exit_code").asInt(), failed.toString());
            MeasurementException ended = assertThrows(MeasurementException.class, server::readLine);
            assertTrue(ended.getMessage().contains("ended its output"), ended.getMessage());
        }
    }

    @Test
    void graalPyRunsTheSameChunksAsCPythonWithItsCpuReadFromOutside() throws MeasurementException {
        List<Runtime> found = GraalPyRuntime.discover(ROOT, "graalpy");
        assertEquals(1, found.size());
        try (Runtime graalpy = found.getFirst()) {
            assertTrue(graalpy.unavailableReason().isEmpty(), graalpy.unavailableReason().orElse(""));
            assertEquals("GraalVM", graalpy.describe().get("implementation"));
            assertEquals(Boolean.TRUE, graalpy.describe().get("gil_enabled"));
            assertTrue(graalpy.models().contains("threading"), graalpy.models().toString());
            assertFalse(graalpy.models().stream().anyMatch(m -> m.startsWith("multiprocessing-")), graalpy.models().toString());
            assertTrue(graalpy.modelNotOfferedBecause("process-pool").orElse("").contains("getppid"),
                    "a process model's claim says why it is not offered");
            Sample s = graalpy.run(new Job("integer_hash", "threading", 2, new WorkloadSize(2, 20_000), TIMEOUT, Map.of()));
            assertEquals(IntegerHash.units(0, 2, 20_000), s.checksum());
            assertTrue(s.cpuSeconds() >= 0 && s.details().containsKey("jvm_service_cpu_s"), s.toString());
        }
        assertTrue(GraalPyRuntime.discover(ROOT, "").isEmpty(), "GraalPy only when asked for");
    }
}
