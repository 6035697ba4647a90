package concurrencyclaims.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import concurrencyclaims.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * results.json of one run, rewritten after every verdict (so an interrupted run loses nothing measured) in
 * {@code reports/<timestamp>/}, with {@code reports/latest} pointing at it.
 */
public final class RunResults {
    public static final String SCHEMA = "concurrency-claims/results/1";
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Instant started = Instant.now();
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, Object> environment;
    private final List<Map<String, Object>> verdicts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public RunResults(Path reportsFolder, String mode, Map<String, Object> environment) {
        String id = FOLDER.format(started);
        Path dir = reportsFolder.resolve(id);
        for (int n = 2; Files.exists(dir); n++) {
            dir = reportsFolder.resolve(id + "-" + n);
        }
        this.directory = dir;
        this.environment = new LinkedHashMap<>(environment);
        run.put("id", dir.getFileName().toString());
        run.put("started", started.toString());
        run.put("mode", mode);
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return directory.resolve("results.json");
    }

    public synchronized void add(Map<String, Object> verdict) {
        verdicts.add(verdict);
        write();
    }

    public synchronized void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    public synchronized void environment(String key, Object value) {
        environment.put(key, value);
    }

    public synchronized List<Map<String, Object>> verdicts() {
        return List.copyOf(verdicts);
    }

    /** Final write: the finish time, the load after the run. */
    public synchronized void finish() {
        Instant finished = Instant.now();
        run.put("finished", finished.toString());
        run.put("seconds", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        environment.put("load_after", Environment.loadAverage());
        write();
    }

    private void write() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema", SCHEMA);
        document.put("run", run);
        document.put("environment", environment);
        document.put("verdicts", verdicts);
        document.put("warnings", warnings);
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve("results.json.tmp");
            JSON.writeValue(temporary.toFile(), document);
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Reports.markLatest(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }
}
