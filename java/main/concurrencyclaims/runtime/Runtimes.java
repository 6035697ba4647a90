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
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the runtimes on this machine: each one becomes a column in the report, or says why it is missing. */
public final class Runtimes implements AutoCloseable {
    private static final Pattern PYTHON_NAME = Pattern.compile("(python3|pypy3)(\\.\\d+t?)?");

    private final JavaRuntime control;
    private final List<Runtime> all;
    private final List<Runtime> judging;

    private Runtimes(JavaRuntime control, List<Runtime> judging) {
        this.control = control;
        this.judging = List.copyOf(judging);
        List<Runtime> list = new ArrayList<>(List.of(control));
        judging.stream().filter(r -> r != control).forEach(list::add);
        this.all = List.copyOf(list);
    }

    /**
     * @param pythonSpec empty for {@code python3} on PATH (the embedded CPython where there is none), and the
     *                   free-threaded build and PyPy where the machine has them; {@code all} for every Python 3.8+
     *                   found (PATH, pyenv, /usr/bin, /usr/local/bin, the embedded and free-threaded builds, the
     *                   fetched PyPy); otherwise a comma-separated list of interpreter paths or names, where
     *                   {@code embedded}, {@code free-threaded}, {@code pypy} and {@code graalpy} name those
     *                   interpreters
     */
    public static Runtimes discover(Path projectRoot, String pythonSpec) {
        List<Runtime> found = new ArrayList<>(pythons(projectRoot, pythonSpec));
        found.addAll(GraalPyRuntime.discover(projectRoot, pythonSpec));
        found.addAll(JavetRuntime.discover(projectRoot));
        found.addAll(GraalJsRuntime.discover(projectRoot));
        found.addAll(NodeRuntime.discover(projectRoot));
        JavaRuntime control = new JavaRuntime();
        found.addFirst(control);
        return new Runtimes(control, found);
    }

    /**
     * A lab run's runtimes: for each runtime kind of {@code kinds}, the runtime the suite would use (CPython: python3
     * or the embedded one, or the first of {@code pythonSpec}; node: the standalone node; java: this JVM), turned by
     * {@code student} into the runtime that runs a student's code on it.
     */
    public static Runtimes forStudents(Path projectRoot, String pythonSpec, Set<String> kinds,
                                       java.util.function.Function<Runtime, Runtime> student) {
        JavaRuntime control = new JavaRuntime();
        List<Runtime> judging = new ArrayList<>();
        if (kinds.contains("cpython")) {
            judging.add(student.apply(pythons(projectRoot, pythonSpec).stream()
                    .filter(r -> !r.judgesOnlyClaimsAboutTheGil()).findFirst().orElseThrow()));
        }
        if (kinds.contains(NodeRuntime.KIND)) {
            judging.add(student.apply(NodeRuntime.discover(projectRoot).getFirst()));
        }
        if (kinds.contains("java")) {
            judging.add(student.apply(control));
        }
        return new Runtimes(control, judging);
    }

    public JavaRuntime control() {
        return control;
    }

    public List<Runtime> all() {
        return all;
    }

    public List<Runtime> ofKind(String kind) {
        return judging.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    static List<CPythonRuntime> pythons(Path projectRoot, String spec) {
        String trimmed = spec == null ? "" : spec.strip();
        Map<String, CPythonRuntime> byId = new LinkedHashMap<>();
        if (trimmed.isEmpty()) {
            CPythonRuntime main = CPythonRuntime.probe("python3", projectRoot);
            if (main.unavailableReason().isPresent()) {
                main = named(EMBEDDED, projectRoot);
            }
            byId.put(main.id(), main);
            // Beside it, the GIL's claims on a build without one and on an implementation with a GIL of its own.
            Stream.of(PythonInterpreters.freeThreaded(projectRoot)
                            .map(p -> CPythonRuntime.probe(p.toString(), projectRoot)), Optional.of(named(PYPY, projectRoot)))
                    .flatMap(Optional::stream).filter(r -> r.unavailableReason().isEmpty())
                    .forEach(r -> byId.putIfAbsent(r.id(), r.onlyForClaimsAboutTheGil()));
            return List.copyOf(byId.values());
        }
        boolean scan = trimmed.equals("all");
        List<Supplier<CPythonRuntime>> probes = scan ? allInterpreters(projectRoot)
                : Stream.of(trimmed.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .filter(s -> !s.equals(GraalPyRuntime.NAME))  // not a child process: its own adapter
                        .<Supplier<CPythonRuntime>>map(name -> () -> named(name, projectRoot)).toList();
        if (probes.isEmpty()) {
            return List.of();  // -Dpython=graalpy: GraalPy alone
        }
        // Each probe starts an interpreter and waits for it: in parallel, in the order given.
        List<CPythonRuntime> probed = probes.parallelStream().map(Supplier::get).toList();
        for (CPythonRuntime runtime : probed) {
            if (scan && runtime.unavailableReason().isPresent()) {
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

    private static final String EMBEDDED = "embedded";
    private static final String FREE_THREADED = "free-threaded";
    private static final String PYPY = "pypy";
    private static final String PYPY_COMMAND = "pypy3";

    /** An interpreter by path or name on PATH, or one of the interpreters the build gets, by its name. */
    private static CPythonRuntime named(String name, Path projectRoot) {
        return switch (name) {
            case EMBEDDED -> PythonInterpreters.embedded(projectRoot)
                    .map(p -> CPythonRuntime.probe(p.toString(), projectRoot))
                    .orElseGet(() -> CPythonRuntime.missing(EMBEDDED, projectRoot, "no python3 on PATH and no embedded"
                            + " CPython in " + PythonInterpreters.embeddedFolder(projectRoot) + ": run mvn verify (it"
                            + " unpacks one from Maven Central), install python3, or pass -Dpython=/path/to/python3"));
            case FREE_THREADED -> PythonInterpreters.freeThreaded(projectRoot)
                    .map(p -> CPythonRuntime.probe(p.toString(), projectRoot))
                    .orElseGet(() -> CPythonRuntime.missing(FREE_THREADED, projectRoot, "no free-threaded CPython built"
                            + " on this machine: run bash python/build-free-threaded.sh (mvn verify does, unless"
                            + " -DskipFreeThreaded)"));
            case PYPY -> pypy(projectRoot);
            default -> CPythonRuntime.probe(name, projectRoot);
        };
    }

    /**
     * {@code pypy3} on PATH where it runs the driver, else the PyPy the build fetched; where there is neither, why the
     * one on PATH cannot run it, or what to do.
     */
    private static CPythonRuntime pypy(Path projectRoot) {
        CPythonRuntime onPath = CPythonRuntime.probe(PYPY_COMMAND, projectRoot);
        if (onPath.unavailableReason().isEmpty()) {
            return onPath;
        }
        return PythonInterpreters.cachedPyPy(projectRoot)
                .map(p -> CPythonRuntime.probe(p.executable().toString(), p.environment(), projectRoot))
                .orElseGet(() -> isOnPath(PYPY_COMMAND) ? onPath : CPythonRuntime.missing(PYPY, projectRoot,
                        "no pypy3 on PATH and no PyPy fetched on this machine: run bash python/fetch-pypy.sh (mvn"
                                + " verify does, unless -DskipPyPy)"));
    }

    private static boolean isOnPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
    }

    /** Every interpreter a scan (-Dpython=all) looks at: the files found, then the builds the project gets. */
    private static List<Supplier<CPythonRuntime>> allInterpreters(Path projectRoot) {
        List<Supplier<CPythonRuntime>> probes = new ArrayList<>();
        candidateInterpreters().forEach(name -> probes.add(() -> CPythonRuntime.probe(name, projectRoot)));
        Stream.of(PythonInterpreters.embedded(projectRoot), PythonInterpreters.freeThreaded(projectRoot))
                .flatMap(Optional::stream).forEach(p -> probes.add(() -> CPythonRuntime.probe(p.toString(), projectRoot)));
        PythonInterpreters.cachedPyPy(projectRoot).ifPresent(p -> probes.add(
                () -> CPythonRuntime.probe(p.executable().toString(), p.environment(), projectRoot)));
        return probes;
    }

    /** Every file that looks like a CPython 3 interpreter, in PATH order, then pyenv, then the system folders. */
    static List<String> candidateInterpreters() {
        Set<String> found = new LinkedHashSet<>();
        Set<Path> binaries = new java.util.HashSet<>();
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
                        .filter(Files::isExecutable).sorted()
                        .filter(f -> binaries.add(realPath(f)))  // python3 and python3.11 are often one file
                        .forEach(f -> found.add(f.toString()));
            } catch (IOException ignored) {
                // An unreadable folder holds no interpreter we can use.
            }
        }
        return List.copyOf(found);
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath();
        }
    }

    @Override
    public void close() {
        all.forEach(Runtime::close);
    }
}
