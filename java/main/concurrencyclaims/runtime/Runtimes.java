package concurrencyclaims.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the runtimes on this machine: each one becomes a column in the report, or says why it is missing. */
public final class Runtimes implements AutoCloseable {
    private static final Pattern PYTHON_NAME = Pattern.compile("python3(\\.\\d+t?)?");

    private final JavaRuntime control = new JavaRuntime();
    private final List<Runtime> all;

    private Runtimes(List<Runtime> others) {
        List<Runtime> list = new ArrayList<>();
        list.add(control);
        list.addAll(others);
        this.all = List.copyOf(list);
    }

    /**
     * @param pythonSpec empty for {@code python3} on PATH; {@code all} for every CPython 3.8+ found (PATH, pyenv,
     *                   /usr/bin, /usr/local/bin); otherwise a comma-separated list of interpreter paths or names
     */
    public static Runtimes discover(Path projectRoot, String pythonSpec) {
        List<Runtime> found = new ArrayList<>(pythons(projectRoot, pythonSpec));
        found.addAll(JavetRuntime.discover(projectRoot));
        found.addAll(GraalJsRuntime.discover(projectRoot));
        found.addAll(NodeRuntime.discover(projectRoot));
        return new Runtimes(found);
    }

    public JavaRuntime control() {
        return control;
    }

    public List<Runtime> all() {
        return all;
    }

    public List<Runtime> ofKind(String kind) {
        return all.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    static List<CPythonRuntime> pythons(Path projectRoot, String spec) {
        String trimmed = spec == null ? "" : spec.strip();
        List<String> commands = trimmed.isEmpty() ? List.of("python3")
                : trimmed.equals("all") ? candidateInterpreters()
                : Stream.of(trimmed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Map<String, CPythonRuntime> byId = new LinkedHashMap<>();
        for (String command : commands) {
            CPythonRuntime runtime = CPythonRuntime.probe(command, projectRoot);
            if (trimmed.equals("all") && runtime.unavailableReason().isPresent()) {
                continue;  // a scan reports what it found, not every old interpreter it skipped
            }
            byId.putIfAbsent(runtime.id(), runtime);
        }
        if (byId.isEmpty()) {
            CPythonRuntime none = CPythonRuntime.probe("python3", projectRoot);
            byId.put(none.id(), none);
        }
        return List.copyOf(byId.values());
    }

    /** Every file that looks like a CPython 3 interpreter, in PATH order, then pyenv, then the system folders. */
    static List<String> candidateInterpreters() {
        Set<String> found = new LinkedHashSet<>();
        List<Path> folders = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && !dir.contains("shims")) {
                folders.add(Path.of(dir));
            }
        }
        Path pyenv = Path.of(System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"), "versions");
        try (Stream<Path> versions = Files.isDirectory(pyenv) ? Files.list(pyenv) : Stream.empty()) {
            versions.sorted().forEach(v -> folders.add(v.resolve("bin")));
        } catch (IOException ignored) {
            // No pyenv: the other folders still count.
        }
        folders.add(Path.of("/usr/bin"));
        folders.add(Path.of("/usr/local/bin"));
        for (Path folder : folders) {
            try (Stream<Path> files = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
                files.filter(f -> PYTHON_NAME.matcher(f.getFileName().toString()).matches())
                        .filter(Files::isExecutable).sorted().forEach(f -> found.add(f.toString()));
            } catch (IOException ignored) {
                // An unreadable folder holds no interpreter we can use.
            }
        }
        return List.copyOf(found);
    }

    @Override
    public void close() {
        all.forEach(Runtime::close);
    }
}
