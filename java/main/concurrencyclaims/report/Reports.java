package concurrencyclaims.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes the report files of a run, a comparison or a merge: index.html, report.md and results.csv. */
public final class Reports {
    public static final String RESULTS = "results.json";
    public static final String HTML = "index.html";
    public static final String MARKDOWN = "report.md";
    public static final String CSV = "results.csv";

    private Reports() {
    }

    /**
     * Reads {@code runDirectory/results.json} and writes index.html, report.md and results.csv next to it.
     * Returns the path of index.html. A malformed file fails with one line naming the file and the field.
     */
    public static Path writeAll(Path runDirectory) throws IOException {
        Results results = ResultsReader.read(runDirectory.resolve(RESULTS));
        return write(List.of(results), runDirectory);
    }

    /** Reads every file and writes the side-by-side (two files) or merged (more) report into {@code out}. */
    public static Path writeCombined(List<Path> resultsFiles, Path out) throws IOException {
        List<Results> runs = new ArrayList<>();
        for (Path file : resultsFiles) {
            runs.add(ResultsReader.read(file));
        }
        return write(runs, out);
    }

    static Path write(List<Results> runs, Path out) throws IOException {
        Files.createDirectories(out);
        ReportModel model = ReportBuilder.build(runs);
        writeAtomically(out.resolve(MARKDOWN), MarkdownReport.render(model));
        writeAtomically(out.resolve(CSV), CsvReport.render(runs));
        Path html = out.resolve(HTML);
        writeAtomically(html, HtmlReport.render(model));
        return html;
    }

    /**
     * Points {@code <reports>/latest} at {@code runDirectory} (a relative symlink, replaced atomically so a reader
     * never sees it missing). Returns the link.
     */
    public static Path markLatest(Path runDirectory) throws IOException {
        Path parent = runDirectory.toAbsolutePath().getParent();
        Path link = parent.resolve("latest");
        Path temporary = parent.resolve(".latest-" + ProcessHandle.current().pid());
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, runDirectory.getFileName());
        Files.move(temporary, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return link;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
