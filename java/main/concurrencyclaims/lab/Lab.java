package concurrencyclaims.lab;

import concurrencyclaims.catalog.Catalog;
import concurrencyclaims.catalog.CatalogException;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.catalog.WorkloadFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A course lab: a folder {@code suites/labs/<lab>/} with its hand-out ({@code README.md}), the files the student
 * edits, reference solutions in {@code solution/} and {@code lab.yaml}, which says what grades it: claims in the
 * suite's own format, each judged on one runtime kind under one model; for each such model, the student's function
 * that runs it ({@link Entry}); and the points of each check. The grading definition is always read from the lab
 * folder, never from a submission.
 */
public record Lab(String name, Path folder, LabFile definition) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Runtime kinds a lab can run a student's code on, with the language of their files. */
    static final Map<String, String> LANGUAGES = Map.of("cpython", "py", "node", "js", "java", "java");
    /** The models that run the suite's own code as the baseline of every speed-up, never a student's. */
    private static final Set<String> SEQUENTIAL_MODELS = Set.of("sequential", "event-loop");

    /**
     * lab.yaml. {@code entries}: runtime kind → model → the student's code that runs the model. {@code checks}: the
     * graded claims, in the order of the scorecard.
     */
    public record LabFile(String title, Map<String, Map<String, Entry>> entries, List<Check> checks,
                          List<Claim> claims) {
    }

    /**
     * The student's code for one model: the functions of {@code file} to call, each giving a figure ({@code result}
     * is checked against the reference implementation on inputs the harness picks; other figures are judged by the
     * claim), and where the work must run for the model to be what it says ({@code spread}: threads, processes,
     * workers, or nothing), checked on the calls of the figures in {@code spread_on} (all of them by default).
     */
    public record Entry(String file, Map<String, String> calls, String spread, List<String> spreadOn) {
        public static final String RESULT = "result";
        static final Set<String> SPREADS = Set.of("threads", "processes", "workers");

        public Entry {
            calls = calls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(calls));
            spreadOn = spreadOn == null ? null : List.copyOf(spreadOn);
        }

        /** Whether the call giving {@code figure} must spread its work as {@code spread} says (all, unless listed). */
        public boolean spreads(String figure) {
            return spread != null && (spreadOn == null || spreadOn.contains(figure));
        }
    }

    /** A graded claim: its points, a hint shown when it fails, and a check that must pass before it can count. */
    public record Check(String claim, Integer points, String hint, String after) {
    }

    /** The labs of {@code projectRoot}'s suites/labs folder, by name. */
    public static List<String> names(Path projectRoot) {
        Path labs = projectRoot.resolve("suites/labs");
        try (Stream<Path> listing = Files.isDirectory(labs) ? Files.list(labs) : Stream.empty()) {
            return listing.filter(p -> Files.isRegularFile(p.resolve("lab.yaml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads and checks suites/labs/{@code name}/lab.yaml; a mistake is one line naming the file. */
    public static Lab load(Path projectRoot, String name) {
        if (name == null || !NAME.matcher(name).matches() || !names(projectRoot).contains(name)) {
            throw new CatalogException("-Dlab=" + name + ": no such lab; the labs are " + names(projectRoot)
                    + " (folders of suites/labs with a lab.yaml)");
        }
        Path folder = projectRoot.resolve("suites/labs").resolve(name);
        Path file = folder.resolve("lab.yaml");
        LabFile definition = Catalog.read(file, LabFile.class);
        if (definition == null) {
            throw new CatalogException(file + ": empty; see suites/labs/README.md for the format");
        }
        Map<String, Set<String>> labModels = new LinkedHashMap<>();
        if (definition.entries() != null) {
            definition.entries().forEach((kind, byModel) -> labModels.put(kind, byModel.keySet()));
        }
        Catalog.validate(file, definition.claims(), new WorkloadFiles(projectRoot), labModels);
        List<String> problems = problems(definition, folder);
        if (!problems.isEmpty()) {
            throw new CatalogException(file + ": " + String.join("; ", problems));
        }
        return new Lab(name, folder, definition);
    }

    static List<String> problems(LabFile lab, Path folder) {
        List<String> problems = new ArrayList<>();
        if (lab.title() == null || lab.title().isBlank()) {
            problems.add("'title' is missing");
        }
        Map<String, Claim> claims = new LinkedHashMap<>();
        lab.claims().forEach(c -> claims.put(c.id(), c));
        for (Claim claim : lab.claims()) {
            if (claim.runtimes().size() != 1 || claim.runtimes().values().iterator().next().size() != 1) {
                problems.add("claim '" + claim.id() + "' must name one runtime with one model (one check each)");
                continue;
            }
            String kind = claim.runtimes().keySet().iterator().next();
            String model = claim.runtimes().get(kind).getFirst();
            Entry entry = lab.entries() == null ? null : lab.entries().getOrDefault(kind, Map.of()).get(model);
            if (SEQUENTIAL_MODELS.contains(model)) {
                problems.add("claim '" + claim.id() + "': '" + model + "' is the suite's own sequential baseline;"
                        + " name the student's model otherwise");
                continue;
            }
            if (!LANGUAGES.containsKey(kind)) {
                problems.add("claim '" + claim.id() + "': a lab runs students' code on " + LANGUAGES.keySet()
                        + ", not " + kind);
            } else if (entry == null) {
                problems.add("claim '" + claim.id() + "': no entries." + kind + "." + model + " (the student's"
                        + " functions for it)");
            } else {
                problems.addAll(entryProblems(kind + "." + model, entry, kind, folder));
            }
        }
        List<Check> checks = lab.checks() == null ? List.of() : lab.checks();
        if (checks.isEmpty()) {
            problems.add("'checks' is empty: list the claims that grade the lab, with their points");
        }
        List<String> seen = new ArrayList<>();
        for (Check check : checks) {
            if (!claims.containsKey(check.claim())) {
                problems.add("check '" + check.claim() + "' names no claim of this file");
            }
            if (check.points() == null || check.points() < 1) {
                problems.add("check '" + check.claim() + "' needs 'points' (a whole number, at least 1)");
            }
            if (check.after() != null && (!seen.contains(check.after()) || !claims.containsKey(check.claim())
                    || !kindOf(claims.get(check.after())).equals(kindOf(claims.get(check.claim())))
                    || lab.claims().indexOf(claims.get(check.after())) > lab.claims().indexOf(claims.get(check.claim())))) {
                problems.add("check '" + check.claim() + "': 'after' must name a check listed before it, whose claim"
                        + " is on the same runtime and comes first in 'claims', got '" + check.after() + "'");
            }
            seen.add(check.claim());
        }
        return problems;
    }

    private static List<String> entryProblems(String where, Entry entry, String kind, Path folder) {
        List<String> problems = new ArrayList<>();
        if (entry.file() == null || !entry.file().matches("[A-Za-z_][A-Za-z0-9_]*\\." + LANGUAGES.get(kind))) {
            problems.add("entries." + where + ".file must be a plain ." + LANGUAGES.get(kind) + " file name, got '"
                    + entry.file() + "'");
        } else if (!Files.isRegularFile(folder.resolve(entry.file()))) {
            problems.add("entries." + where + ".file: no starter file " + folder.resolve(entry.file()));
        }
        if (entry.calls().isEmpty()) {
            problems.add("entries." + where + ".calls is empty: name the functions to call, e.g. {result: run}");
        }
        if (entry.spread() != null && !Entry.SPREADS.contains(entry.spread())) {
            problems.add("entries." + where + ".spread must be one of " + Entry.SPREADS);
        }
        if (entry.spreadOn() != null && (entry.spread() == null || !entry.calls().keySet().containsAll(entry.spreadOn()))) {
            problems.add("entries." + where + ".spread_on must name figures of its calls " + entry.calls().keySet()
                    + ", with a spread");
        }
        return problems;
    }

    public String title() {
        return definition.title();
    }

    public List<Check> checks() {
        return definition.checks();
    }

    public List<Claim> claims() {
        return definition.claims();
    }

    public Claim claim(String id) {
        return claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    /** The runtime kind and model the claim is judged on (a lab's claims name one of each). */
    public static String kindOf(Claim claim) {
        return claim.runtimes().keySet().iterator().next();
    }

    public static String modelOf(Claim claim) {
        return claim.runtimes().values().iterator().next().getFirst();
    }

    public Entry entry(Claim claim) {
        return definition.entries().get(kindOf(claim)).get(modelOf(claim));
    }

    /** The entries of one runtime kind, by model. */
    public Map<String, Entry> entries(String kind) {
        return definition.entries() == null ? Map.of() : definition.entries().getOrDefault(kind, Map.of());
    }

    public int maxScore() {
        return checks().stream().mapToInt(Check::points).sum();
    }
}
