package concurrencyclaims.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command line: re-render a run, compare two runs, merge many. Exit 0 on success, 1 on bad input, 2 on bad usage. */
public final class ReportMain {
    static final String HELP = """
            Usage:
              render <run-folder | results.json>        rewrite index.html, report.md and results.csv of a run
              compare <a.json> <b.json> --out <dir>     two runs side by side: changed verdicts and significant
                                                        differences (Mann-Whitney U, BH-adjusted, 0.05)
              merge <a.json> <b.json> ... --out <dir>   many machines in one report: verdicts tallied per claim
              help                                      this text

            Each command writes index.html, report.md and results.csv and prints the claims matrix.
            A results.json is what 'mvn verify' writes to reports/<timestamp>/ (reports/latest is the newest).
            """;

    private ReportMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            out.print(HELP);
            return args.length == 0 ? 2 : 0;
        }
        try {
            String command = args[0];
            List<Path> files = new ArrayList<>();
            Path outDirectory = null;
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--out")) {
                    if (++i == args.length) {
                        return usage(err, "--out needs a directory");
                    }
                    outDirectory = Path.of(args[i]);
                } else {
                    files.add(Path.of(args[i]));
                }
            }
            List<Results> runs = new ArrayList<>();
            Path html;
            switch (command) {
                case "render" -> {
                    if (files.size() != 1 || outDirectory != null) {
                        return usage(err, "render takes one run folder or results.json");
                    }
                    Path file = Files.isDirectory(files.getFirst()) ? files.getFirst().resolve(Reports.RESULTS) : files.getFirst();
                    runs.add(ResultsReader.read(file));
                    Path folder = file.toAbsolutePath().getParent();
                    html = Reports.write(runs, folder);
                }
                case "compare", "merge" -> {
                    if (command.equals("compare") ? files.size() != 2 : files.size() < 2) {
                        return usage(err, command + (command.equals("compare") ? " takes exactly two" : " takes two or more")
                                + " results.json files");
                    }
                    if (outDirectory == null) {
                        return usage(err, command + " needs --out <dir>");
                    }
                    for (Path file : files) {
                        runs.add(ResultsReader.read(file));
                    }
                    html = Reports.write(runs, outDirectory);
                }
                default -> {
                    return usage(err, "unknown command '" + command + "'");
                }
            }
            out.print(ConsoleReport.render(ReportBuilder.build(runs), html));
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.print(HELP);
        return 2;
    }
}
