package concurrencyclaims.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.report.Results.Claim;
import concurrencyclaims.report.Results.Environment;
import concurrencyclaims.report.Results.Estimate;
import concurrencyclaims.report.Results.Measurement;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.report.Results.Run;
import concurrencyclaims.report.Results.RuntimeInfo;
import concurrencyclaims.report.Results.Series;
import concurrencyclaims.report.Results.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads results.json (schema {@value #SCHEMA}). Required fields are checked one by one so that a damaged file gives
 * one line naming the file and the field, never a stack trace; optional fields fall back to "unknown".
 */
public final class ResultsReader {
    public static final String SCHEMA = "concurrency-claims/results/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsReader() {
    }

    public static Results read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            try {
                root = JSON.readTree(parser);
            } catch (JsonProcessingException e) {
                // The parser knows where it stopped: that is the field a truncated file breaks off in.
                String where = parser.getParsingContext().pathAsPointer().toString();
                String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
                if (e.getLocation() != null) {
                    problem += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
                }
                throw new MalformedResultsException(file, pointerToField(where), "not valid JSON: " + problem);
            }
        } catch (NoSuchFileException e) {
            throw new MalformedResultsException(file, "", "no such file");
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedResultsException(file, "", "empty file");
        }
        Node top = new Node(file, "", root);
        String schema = top.required("schema").text();
        if (!schema.equals(SCHEMA)) {
            throw new MalformedResultsException(file, "schema", "expected \"" + SCHEMA + "\", found \"" + schema + "\"");
        }
        Run run = readRun(top.required("run"));
        Environment environment = readEnvironment(top.required("environment"));
        List<Verdict> verdicts = top.required("verdicts").list(ResultsReader::readVerdict);
        List<String> warnings = top.optional("warnings").list(Node::text);
        List<Results.Benchmark> benchmarks = top.optional("benchmarks").list(ResultsReader::readBenchmark);
        return new Results(file, labelFor(file, run.id()), run, environment, verdicts, warnings, benchmarks);
    }

    /** A lab hands in "pc07.json"; a run folder holds "results.json", so there the folder names the run. */
    private static String labelFor(Path file, String runId) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (!name.equals("results")) {
            return name;
        }
        Path folder = file.toAbsolutePath().getParent();
        return folder != null && folder.getFileName() != null && !folder.getFileName().toString().equals("latest")
                ? folder.getFileName().toString() : runId;
    }

    private static String pointerToField(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                field.append('[').append(part).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return field.toString();
    }

    private static Run readRun(Node node) throws MalformedResultsException {
        return new Run(node.required("id").text(), node.optional("started").textOr(""),
                node.optional("finished").textOr(""), node.optional("mode").textOr(""),
                node.optional("seconds").numberOr(Double.NaN));
    }

    private static Environment readEnvironment(Node node) throws MalformedResultsException {
        return new Environment(node.optional("cpu_model").textOr("unknown CPU"),
                (int) node.optional("cores_online").numberOr(0), (int) node.optional("cores_available").numberOr(0),
                (long) node.optional("memory_mib").numberOr(0), node.optional("os").textOr("unknown OS"),
                node.optional("jdk").textOr("unknown JDK"), node.optional("load_before").list(Node::number),
                node.optional("load_after").list(Node::number), node.required("runtimes").list(ResultsReader::readRuntime));
    }

    private static RuntimeInfo readRuntime(Node node) throws MalformedResultsException {
        Node details = node.optional("details");
        Map<String, Object> map = new LinkedHashMap<>();
        if (details.json.isObject()) {
            for (Map.Entry<String, JsonNode> entry : details.json.properties()) {
                JsonNode value = entry.getValue();
                map.put(entry.getKey(), value.isValueNode() ? (value.isNull() ? "null" : value.asText()) : value.toString());
            }
        }
        return new RuntimeInfo(node.required("id").text(), node.optional("kind").textOr(""),
                node.optional("language").textOr(""), node.required("available").bool(),
                node.optional("reason").textOr(null), map);
    }

    private static Verdict readVerdict(Node node) throws MalformedResultsException {
        Claim claim = readClaim(node.required("claim"));
        Node outcomeNode = node.required("outcome");
        String outcomeText = outcomeNode.text();
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(outcomeText);
        } catch (IllegalArgumentException e) {
            throw outcomeNode.error("expected one of " + Arrays.toString(Outcome.values()) + ", found \"" + outcomeText + "\"");
        }
        List<Estimate> numbers = new ArrayList<>();
        Node numbersNode = node.optional("numbers");
        if (!numbersNode.json.isMissingNode() && !numbersNode.json.isNull()) {
            if (!numbersNode.json.isObject()) {
                throw numbersNode.error("expected an object of named numbers");
            }
            for (Map.Entry<String, JsonNode> entry : numbersNode.json.properties()) {
                Node number = numbersNode.required(entry.getKey());
                numbers.add(new Estimate(entry.getKey(), number.required("median").number(),
                        number.optional("ci_low").numberOr(Double.NaN), number.optional("ci_high").numberOr(Double.NaN),
                        number.optional("unit").textOr("")));
            }
        }
        String key = node.optional("key_number").textOr(numbers.isEmpty() ? "" : numbers.getFirst().metric());
        return new Verdict(claim, node.required("runtime").text(), node.optional("language").textOr(""),
                node.optional("model").textOr(""), outcome, node.optional("reason").textOr(""), numbers, key,
                readDecision(node.optional("decision")), node.optional("seconds").numberOr(Double.NaN),
                node.optional("warnings").list(Node::text), node.optional("series").list(ResultsReader::readSeries));
    }

    private static Results.Decision readDecision(Node node) throws MalformedResultsException {
        if (node.json.isMissingNode() || node.json.isNull()) {
            return null;
        }
        Node bound = node.optional("bound");
        List<Double> bounds = bound.json.isNumber() ? List.of(bound.number()) : bound.list(Node::number);
        return new Results.Decision(node.optional("statistic").textOr(null), bounds, node.optional("side").textOr(null),
                node.optional("interval").list(Node::number), node.optional("level").numberOr(Double.NaN),
                (int) node.required("rounds").number(), node.required("stopped").text());
    }

    private static Results.Benchmark readBenchmark(Node node) throws MalformedResultsException {
        Map<String, Double> figures = new java.util.LinkedHashMap<>();
        Node map = node.required("figures");
        if (!map.json.isObject()) {
            throw map.error("expected an object of named numbers");
        }
        for (var names = map.json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            figures.put(name, map.optional(name).number());
        }
        return new Results.Benchmark(node.required("name").text(), node.optional("about").textOr(""),
                node.optional("when").textOr(""), figures);
    }

    private static Claim readClaim(Node node) throws MalformedResultsException {
        Node source = node.optional("source");
        Node workers = node.optional("workers");
        return new Claim(node.required("id").text(), node.required("quote").text(),
                source.optional("document").textOr(""), source.optional("section").textOr(""),
                source.optional("url").textOr(""), node.optional("workload").textOr(""),
                runtimes(node), workers.json.isNumber() ? (int) workers.number() : null);
    }

    /** {@code runtimes: {kind: [models]}}; files of the first harness had one {@code runtime} with {@code models}. */
    private static Map<String, List<String>> runtimes(Node claim) throws MalformedResultsException {
        Map<String, List<String>> runtimes = new java.util.LinkedHashMap<>();
        Node map = claim.optional("runtimes");
        if (map.json.isObject()) {
            for (var names = map.json.fieldNames(); names.hasNext(); ) {
                String kind = names.next();
                runtimes.put(kind, map.optional(kind).list(Node::text));
            }
        } else if (!claim.optional("runtime").textOr("").isEmpty()) {
            runtimes.put(claim.optional("runtime").text(), claim.optional("models").list(Node::text));
        }
        return runtimes;
    }

    private static Series readSeries(Node node) throws MalformedResultsException {
        return new Series(node.required("role").text(), node.required("runtime").text(),
                node.required("model").text(), (int) node.required("workers").number(),
                node.optional("workload").textOr(""), (long) node.optional("units").numberOr(0),
                (long) node.optional("iterations").numberOr(0), node.required("samples").list(ResultsReader::readSample));
    }

    private static Measurement readSample(Node node) throws MalformedResultsException {
        return new Measurement((int) node.optional("round").numberOr(-1), node.optional("warmup").boolOr(false),
                node.required("wall_s").number(), node.optional("cpu_s").numberOr(Double.NaN),
                node.optional("peak_rss_kib").numberOr(Double.NaN), node.optional("foreign_cpu_s").numberOr(Double.NaN),
                node.optional("retaken").boolOr(false));
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Node node) throws MalformedResultsException;
    }

    /** A JSON node that knows its path, so every complaint names the field. */
    private record Node(Path file, String path, JsonNode json) {
        Node required(String name) throws MalformedResultsException {
            Node child = optional(name);
            if (child.json.isMissingNode() || child.json.isNull()) {
                throw child.error("missing");
            }
            return child;
        }

        Node optional(String name) throws MalformedResultsException {
            if (!json.isObject() && !json.isMissingNode() && !json.isNull()) {
                throw error("expected an object");
            }
            return new Node(file, path.isEmpty() ? name : path + "." + name, json.path(name));
        }

        MalformedResultsException error(String problem) {
            return new MalformedResultsException(file, path, problem);
        }

        String text() throws MalformedResultsException {
            if (!json.isTextual()) {
                throw error("expected a string, found " + describe());
            }
            return json.textValue();
        }

        String textOr(String fallback) throws MalformedResultsException {
            return json.isMissingNode() || json.isNull() ? fallback : text();
        }

        double number() throws MalformedResultsException {
            if (!json.isNumber()) {
                throw error("expected a number, found " + describe());
            }
            return json.doubleValue();
        }

        double numberOr(double fallback) throws MalformedResultsException {
            return json.isMissingNode() || json.isNull() ? fallback : number();
        }

        boolean bool() throws MalformedResultsException {
            if (!json.isBoolean()) {
                throw error("expected true or false, found " + describe());
            }
            return json.booleanValue();
        }

        boolean boolOr(boolean fallback) throws MalformedResultsException {
            return json.isMissingNode() || json.isNull() ? fallback : bool();
        }

        <T> List<T> list(Reader<T> reader) throws MalformedResultsException {
            if (json.isMissingNode() || json.isNull()) {
                return List.of();
            }
            if (!json.isArray()) {
                throw error("expected a list, found " + describe());
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                items.add(reader.read(new Node(file, path + "[" + i + "]", json.get(i))));
            }
            return List.copyOf(items);
        }

        private String describe() {
            String text = json.toString();
            return json.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
        }
    }

}
