package concurrencyclaims.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import concurrencyclaims.runtime.RuntimeKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The claims of every {@code *.yaml} file in a suites folder, parsed and checked before anything is measured. */
public final class Catalog {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The top level of a claim file. */
    record ClaimFile(String title, List<Claim> claims) {
    }

    private final List<Claim> claims;

    /** A catalog of claims already parsed and checked (a lab's). */
    public static Catalog of(List<Claim> claims) {
        return new Catalog(claims);
    }

    private Catalog(List<Claim> claims) {
        this.claims = List.copyOf(claims);
    }

    public List<Claim> claims() {
        return claims;
    }

    /** The claim files of {@code suitesFolder}, their workloads looked up under the project root property. */
    public static Catalog load(Path suitesFolder) {
        return load(suitesFolder, Path.of(System.getProperty("project.root", ".")));
    }

    /** The claim files of {@code suitesFolder}, their workloads looked up under {@code projectRoot}. */
    public static Catalog load(Path suitesFolder, Path projectRoot) {
        WorkloadFiles workloads = new WorkloadFiles(projectRoot);
        if (!Files.isDirectory(suitesFolder)) {
            throw new CatalogException(suitesFolder + ": no such folder of claim files (expected suites/*.yaml)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(suitesFolder)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(suitesFolder + ": cannot list claim files: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CatalogException(suitesFolder + ": no *.yaml claim files");
        }
        List<Claim> all = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            for (Claim claim : parse(file, workloads)) {
                Path earlier = seen.putIfAbsent(claim.id(), file);
                if (earlier != null) {
                    throw new CatalogException(file + ": claim id '" + claim.id() + "' is already used in " + earlier
                            + "; ids must be unique");
                }
                all.add(claim);
            }
        }
        return new Catalog(all);
    }

    /** Parses and validates one claim file, its workloads looked up under the working directory's project. */
    public static List<Claim> parse(Path file) {
        return parse(file, new WorkloadFiles(Path.of(System.getProperty("project.root", "."))));
    }

    /** Parses and validates one claim file. */
    public static List<Claim> parse(Path file, WorkloadFiles workloads) {
        ClaimFile parsed = read(file, ClaimFile.class);
        validate(file, parsed == null ? null : parsed.claims(), workloads);
        return parsed.claims();
    }

    /**
     * Reads a YAML file of the claim files' conventions (snake_case fields, no unknown ones) into {@code type}; a
     * mistake is one line naming the file, the line and the field.
     */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (JsonMappingException e) {
            throw new CatalogException(file + where(e.getLocation()) + ": " + explain(e));
        } catch (IOException e) {
            throw new CatalogException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    /** Checks the claims of {@code file}; the first claim with a problem is one line naming the file and the claim. */
    public static void validate(Path file, List<Claim> claims, WorkloadFiles workloads) {
        validate(file, claims, workloads, Map.of());
    }

    /**
     * The same, where runtimes of a kind may also offer the models {@code moreModels} names for it (a lab's, each the
     * student's code for one experiment).
     */
    public static void validate(Path file, List<Claim> claims, WorkloadFiles workloads,
                                Map<String, java.util.Set<String>> moreModels) {
        if (claims == null || claims.isEmpty()) {
            throw new CatalogException(file + ": no 'claims:' list; see suites/README.md for the format");
        }
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            List<String> problems = problems(claim, workloads, moreModels);
            if (!problems.isEmpty()) {
                String name = claim == null || claim.id() == null ? "claim #" + (i + 1) : "claim '" + claim.id() + "'";
                throw new CatalogException(file + ": " + name + ": " + String.join("; ", problems));
            }
        }
    }

    static List<String> problems(Claim claim, WorkloadFiles workloads) {
        return problems(claim, workloads, Map.of());
    }

    static List<String> problems(Claim claim, WorkloadFiles workloads, Map<String, java.util.Set<String>> moreModels) {
        List<String> problems = new ArrayList<>();
        if (claim == null) {
            return List.of("empty entry");
        }
        if (claim.id() == null || !ID.matcher(claim.id()).matches()) {
            problems.add("'id' must be lower-case words joined by '-', got " + quoted(claim.id()));
        }
        if (blank(claim.quote())) {
            problems.add("'quote' (the sentence the claim tests) is missing");
        }
        if (claim.source() == null || blank(claim.source().document())) {
            problems.add("'source.document' (where the quote comes from) is missing");
        }
        if (workloads.languages(claim.workload()).isEmpty()) {
            problems.add("unknown workload " + quoted(claim.workload()) + ": no " + workloads.where(
                    claim.workload() == null ? "<name>" : claim.workload()) + " (suites/README.md, Adding a workload)");
        } else if (claim.iterations() == null && !workloads.sizedByTime(claim.workload())) {
            problems.add("workload " + claim.workload() + " needs 'iterations': it does not declare that the harness"
                    + " may size it to a running time (sizedByTime)");
        }
        if (claim.runtimes().isEmpty()) {
            problems.add("'runtimes' is empty: name each runtime with its models, e.g. {cpython: [threading]}");
        }
        claim.runtimes().forEach((kind, models) -> {
            if (!RuntimeKinds.MODELS.containsKey(kind)) {
                problems.add("unknown runtime " + quoted(kind) + " (known: " + RuntimeKinds.MODELS.keySet() + ")");
            } else if (models == null || models.isEmpty()) {
                problems.add("no models for runtime " + kind);
            } else {
                java.util.Set<String> known = new java.util.LinkedHashSet<>(RuntimeKinds.MODELS.get(kind));
                known.addAll(moreModels.getOrDefault(kind, java.util.Set.of()));
                for (String model : models) {
                    if (!known.contains(model)) {
                        problems.add("unknown model " + quoted(model) + " for runtime " + kind + " (known: " + known
                                + ")");
                    }
                }
            }
        });
        if (claim.workers() != null && claim.workers() < 1) {
            problems.add("'workers' must be at least 1");
        }
        if (claim.iterations() != null && claim.iterations() < 0) {
            problems.add("'iterations' must not be negative");
        }
        if (claim.units() != null && (claim.iterations() == null || claim.units() < 1
                || claim.units() % claim.workersOrDefault() != 0)) {
            problems.add("'units' needs a fixed 'iterations' and must be a positive multiple of 'workers'");
        }
        if (claim.minSeconds() != null && (claim.minSeconds() <= 0 || claim.iterations() != null)) {
            problems.add("'min_seconds' must be positive and cannot go with a fixed 'iterations'");
        }
        if (claim.requires() != null) {
            problems.addAll(claim.requires().problems());
        }
        if (claim.assertion() == null) {
            problems.add("'assertion' is missing");
        } else {
            problems.addAll(claim.assertion().problems(claim));
            if (claim.assertion().hasBound() && blank(claim.boundSource())) {
                problems.add("'bound_source' is missing: say where the assertion's bound comes from (the source's"
                        + " words, a documented figure, or a derivation)");
            }
        }
        return problems;
    }

    private static String explain(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "' at " + path(e) + " (known: "
                    + unknown.getKnownPropertyIds() + ")";
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.contains("missing type id")) {
            message = "'assertion' needs a 'kind' (one of " + concurrencyclaims.judge.Assertion.KINDS + ")";
        } else if (message.contains("Could not resolve type id")) {
            message = "unknown assertion kind: " + message.replaceAll(".*type id '([^']*)'.*", "'$1'") + " (known: "
                    + concurrencyclaims.judge.Assertion.KINDS + ")";
        }
        return message + (path(e).isEmpty() ? "" : " at " + path(e));
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            out.append(ref.getFieldName() != null ? (out.isEmpty() ? "" : ".") + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return out.toString();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }
}
