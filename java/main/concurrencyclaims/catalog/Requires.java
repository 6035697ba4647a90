package concurrencyclaims.catalog;

import concurrencyclaims.runtime.CPythonRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a claim applies among the Python interpreters: with the GIL on or off ({@code gil: false} is a free-threaded
 * build), a version range ({@code python: ">=3.10, <3.14"}), an implementation ({@code CPython}, {@code PyPy}). On an
 * interpreter that does not meet it the claim is UNAVAILABLE with the reason, never judged: a free-threaded build is
 * not a GIL build. Runtimes of other languages are not Python interpreters and ignore it.
 */
public record Requires(Boolean gil, String python, String implementation) {
    private static final Pattern CLAUSE = Pattern.compile("\\s*(>=|<=|==|>|<)\\s*(\\d+(?:\\.\\d+)*)\\s*");

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (gil == null && python == null && implementation == null) {
            problems.add("'requires' names nothing: give gil, python or implementation");
        }
        if (python != null) {
            for (String clause : python.split(",")) {
                if (!CLAUSE.matcher(clause).matches()) {
                    problems.add("'requires.python' must be comparisons such as \">=3.10, <3.14\", got '" + python + "'");
                    break;
                }
            }
        }
        return problems;
    }

    /** Whether the claim is about the GIL being on or off, so that a free-threaded build has something to say. */
    public boolean aboutTheGil() {
        return gil != null;
    }

    /**
     * Why an interpreter described by {@code description} (its driver's describe: implementation, version,
     * gil_enabled) does not meet this, or empty when it does.
     */
    public Optional<String> unmetBy(String runtimeId, Map<String, Object> description) {
        List<String> unmet = new ArrayList<>();
        Object gilEnabled = description.get("gil_enabled");
        if (gil != null && gilEnabled instanceof Boolean enabled && enabled != gil) {
            unmet.add(gil ? "it is about interpreters with the GIL, and " + runtimeId + " runs without it (a free-threaded"
                    + " build)" : "it is about free-threaded builds, and " + runtimeId + " has the GIL");
        }
        String version = String.valueOf(description.getOrDefault("version", ""));
        if (python != null && !version.isEmpty() && !inRange(version)) {
            unmet.add("it is about Python " + python.strip() + ", and " + runtimeId + " is " + version);
        }
        Object actual = description.get("implementation");
        if (implementation != null && actual != null && !implementation.equalsIgnoreCase(actual.toString())) {
            unmet.add("it is about " + implementation + ", and " + runtimeId + " is " + actual);
        }
        return unmet.isEmpty() ? Optional.empty() : Optional.of("the claim does not apply here: " + String.join("; ", unmet));
    }

    private boolean inRange(String version) {
        for (String clause : python.split(",")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                return false;
            }
            int order = CPythonRuntime.compareVersions(version, m.group(2));
            boolean holds = switch (m.group(1)) {
                case ">=" -> order >= 0;
                case "<=" -> order <= 0 || version.startsWith(m.group(2) + ".");
                case ">" -> order > 0 && !version.startsWith(m.group(2) + ".");
                case "<" -> order < 0;
                default -> order == 0 || version.startsWith(m.group(2) + ".");
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
