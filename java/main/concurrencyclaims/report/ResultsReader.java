package concurrencyclaims.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads results.json of schema {@value Results#SCHEMA}, or {@value Results#SCHEMA_1}, into {@link Results}. A damaged
 * file gives one line naming the file and the field, never a stack trace; optional fields fall back to "unknown".
 */
public final class ResultsReader {
    private ResultsReader() {
    }

    public static Results read(Path file) throws IOException {
        JsonNode root = parse(file);
        if (root == null || root.isMissingNode()) {
            throw new MalformedResultsException(file, "", "empty file");
        }
        if (!root.isObject()) {
            throw new MalformedResultsException(file, "", "expected an object, found " + describe(root));
        }
        JsonNode schema = root.path("schema");
        if (!schema.isTextual()) {
            throw new MalformedResultsException(file, "schema", schema.isMissingNode() || schema.isNull() ? "missing"
                    : "expected a string, found " + describe(schema));
        }
        if (schema.textValue().equals(Results.SCHEMA_1)) {
            upgradeFromVersion1((ObjectNode) root);
        } else if (!schema.textValue().equals(Results.SCHEMA)) {
            throw new MalformedResultsException(file, "schema", "expected \"" + Results.SCHEMA + "\" (or \""
                    + Results.SCHEMA_1 + "\"), found \"" + schema.textValue() + "\"");
        }
        Results results;
        try {
            results = ResultsJson.JSON.treeToValue(root, Results.class);
        } catch (DatabindException e) {
            throw malformed(file, root, e);
        }
        return results.from(file, labelFor(file, results.run().id()));
    }

    private static JsonNode parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = ResultsJson.JSON.createParser(in)) {
            try {
                return ResultsJson.JSON.readTree(parser);
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
    }

    /**
     * Version 1 is version 2's layout, but for claims of the first harness, which name one {@code runtime} kind and
     * its {@code models} where later ones map each kind to its models ({@code runtimes}).
     */
    private static void upgradeFromVersion1(ObjectNode root) {
        for (JsonNode verdict : root.path("verdicts")) {
            if (verdict.path("claim") instanceof ObjectNode claim && !claim.has("runtimes")
                    && claim.path("runtime").isTextual()) {
                JsonNode models = claim.path("models");
                claim.putObject("runtimes").set(claim.path("runtime").textValue(),
                        models.isMissingNode() || models.isNull() ? claim.arrayNode() : models);
                claim.remove(List.of("runtime", "models"));
            }
        }
    }

    /** The field Jackson stopped at, and what it wanted there against what the file has. */
    private static MalformedResultsException malformed(Path file, JsonNode root, DatabindException e) {
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException m ? m.getPath() : List.of();
        StringBuilder pointer = new StringBuilder();
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getIndex() >= 0) {
                pointer.append('/').append(step.getIndex());
                field.append('[').append(step.getIndex()).append(']');
            } else if (step.getFieldName() != null) {
                pointer.append('/').append(step.getFieldName().replace("~", "~0").replace("/", "~1"));
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            }
        }
        JsonNode found = root.at(JsonPointer.compile(pointer.toString()));
        Class<?> wanted = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        String problem;
        if (found.isMissingNode() || found.isNull()) {
            problem = "missing";
        } else if (wanted != null && wanted.isEnum()) {
            problem = "expected one of " + Arrays.toString(wanted.getEnumConstants()) + ", found "
                    + describe(found);
        } else if (wanted != null) {
            problem = "expected " + kindOf(wanted) + ", found " + describe(found);
        } else {
            problem = e.getOriginalMessage().lines().findFirst().orElse("cannot be read");
        }
        return new MalformedResultsException(file, field.toString(), problem);
    }

    private static String kindOf(Class<?> raw) {
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            return "a number";
        }
        if (raw == String.class) {
            return "a string";
        }
        return java.util.Collection.class.isAssignableFrom(raw) || raw.isArray() ? "a list" : "an object";
    }

    private static String describe(JsonNode json) {
        String text = json.toString();
        return json.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
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
}
