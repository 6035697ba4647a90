package concurrencyclaims.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixture results.json files and their golden outputs (reviewed by eye once, then asserted). */
final class Fixtures {
    private Fixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/report-fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource report-fixtures/" + name, e);
        }
    }

    static Results runA() throws IOException {
        return ResultsReader.read(file("run-a.json"));
    }

    static Results runB() throws IOException {
        return ResultsReader.read(file("run-b.json"));
    }

    /**
     * Compares with java/test-resources/report-fixtures/golden/{name}; run with -Dgolden.update=true to rewrite the
     * golden file (then read the diff before committing it).
     */
    static void assertGolden(String name, String actual) throws IOException {
        Path source = Path.of(System.getProperty("project.root", "."), "java/test-resources/report-fixtures/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(source, StandardCharsets.UTF_8), actual,
                "differs from golden file " + source + " (rewrite with -Dgolden.update=true after checking the change)");
    }
}
