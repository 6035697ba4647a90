package concurrencyclaims.results;

import concurrencyclaims.report.Reports;
import concurrencyclaims.report.Results;
import concurrencyclaims.report.ResultsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * results.json of one run ({@link Results}, schema {@value Results#SCHEMA}), rewritten after every verdict (so an
 * interrupted run loses nothing measured) in {@code reports/<timestamp>/}, with {@code reports/latest} pointing at it.
 */
public final class RunResults {
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Instant started = Instant.now();
    private Results.Run run;
    /** The machine as captured at the start; the rest of the environment comes in as the run learns it. */
    private final Results.Environment machine;
    private List<Results.RuntimeInfo> runtimes = List.of();
    private Results.Settings settings;
    private double stealShare = Double.NaN;
    private List<Double> loadAfter = List.of();
    private final List<Results.Verdict> verdicts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Results.Sweep> sweeps = new ArrayList<>();

    public RunResults(Path reportsFolder, String mode, Results.Environment machine) {
        String id = FOLDER.format(started);
        Path dir = reportsFolder.resolve(id);
        for (int n = 2; Files.exists(dir); n++) {
            dir = reportsFolder.resolve(id + "-" + n);
        }
        this.directory = dir;
        this.machine = machine;
        this.run = new Results.Run(dir.getFileName().toString(), started.toString(), null, mode, Double.NaN);
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return directory.resolve(Reports.RESULTS);
    }

    public synchronized void add(Results.Verdict verdict) {
        verdicts.add(verdict);
        write();
    }

    /** Adds a line of the sweep, or replaces the one of the same runtime, model and wait (a line swept further). */
    public synchronized void add(Results.Sweep sweep) {
        sweeps.removeIf(s -> s.runtime().equals(sweep.runtime()) && s.model().equals(sweep.model())
                && s.waitKind().equals(sweep.waitKind()));
        sweeps.add(sweep);
        write();
    }

    public synchronized List<Results.Sweep> sweeps() {
        return List.copyOf(sweeps);
    }

    public synchronized void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    public synchronized void runtimes(List<Results.RuntimeInfo> runtimes) {
        this.runtimes = List.copyOf(runtimes);
    }

    public synchronized void settings(Results.Settings settings) {
        this.settings = settings;
    }

    public synchronized void stealShare(double share) {
        this.stealShare = share;
    }

    public synchronized List<Results.Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    /** Final write: the finish time, the load after the run. */
    public synchronized void finish() {
        Instant finished = Instant.now();
        run = new Results.Run(run.id(), run.started(), finished.toString(), run.mode(),
                (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
        loadAfter = Environment.loadAverage();
        write();
    }

    private void write() {
        try {
            Files.createDirectories(directory);
            Results.Environment environment = new Results.Environment(machine.cpuModel(), machine.coresOnline(),
                    machine.coresAvailable(), machine.memoryMib(), machine.os(), machine.jdk(), machine.loadBefore(),
                    loadAfter, runtimes, settings, stealShare);
            ResultsJson.write(file(), new Results(null, null, run, environment, verdicts, sweeps, warnings, List.of()));
            Reports.markLatest(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }
}
