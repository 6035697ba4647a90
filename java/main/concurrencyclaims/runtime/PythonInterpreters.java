package concurrencyclaims.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Python interpreters the build gets rather than finds: the relocatable CPython that {@code mvn} unpacks from
 * Maven Central ({@code org.bytedeco:cpython}, the default where {@code python3} is not on PATH), the free-threaded
 * CPython that {@code python/build-free-threaded.sh} builds once per machine into the user's cache, and the PyPy that
 * {@code python/fetch-pypy.sh} unpacks there from Debian's packages.
 */
final class PythonInterpreters {
    private static final Pattern INTERPRETER = Pattern.compile("python3\\.\\d+");
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private PythonInterpreters() {
    }

    /** An interpreter and what it needs added to the environment of every process that runs it. */
    record Interpreter(Path executable, Map<String, String> environment) {
    }

    /** Where the pom unpacks the embedded CPython. */
    static Path embeddedFolder(Path projectRoot) {
        return projectRoot.resolve("target").resolve("embedded-python");
    }

    /**
     * The embedded CPython's interpreter, made executable (a jar keeps no file modes), if the build unpacked it.
     */
    static Optional<Path> embedded(Path projectRoot) {
        Path bin = embeddedFolder(projectRoot).resolve("org/bytedeco/cpython/linux-x86_64/bin");
        try (Stream<Path> files = Files.isDirectory(bin) ? Files.list(bin) : Stream.empty()) {
            Optional<Path> python = files.filter(f -> INTERPRETER.matcher(f.getFileName().toString()).matches())
                    .sorted().reduce((first, second) -> second);
            if (python.isPresent() && !Files.isExecutable(python.get())) {
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(python.get());
                modes.addAll(EXECUTABLE);
                Files.setPosixFilePermissions(python.get(), modes);
            }
            return python;
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The free-threaded build, if this machine has one: where the build script puts it (its --where). */
    static Optional<Path> freeThreaded(Path projectRoot) {
        Path script = projectRoot.resolve("python").resolve("build-free-threaded.sh");
        try {
            ChildProcess.Result where = ChildProcess.of("build-free-threaded.sh --where",
                    List.of("bash", script.toString(), "--where")).timeout(Duration.ofSeconds(10)).run();
            Path python = Path.of(where.stdout().strip());
            return Files.isExecutable(python) ? Optional.of(python) : Optional.empty();
        } catch (MeasurementException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The PyPy the build fetched, if this machine has it: where the fetch script put it (its --where: the interpreter,
     * then the folder of its shared library, which Debian puts where the interpreter does not look by itself).
     */
    static Optional<Interpreter> cachedPyPy(Path projectRoot) {
        Path script = projectRoot.resolve("python").resolve("fetch-pypy.sh");
        try {
            ChildProcess.Result where = ChildProcess.of("fetch-pypy.sh --where",
                    List.of("bash", script.toString(), "--where")).timeout(Duration.ofSeconds(10)).run();
            List<String> lines = where.stdout().strip().lines().toList();
            if (lines.size() != 2 || !Files.isExecutable(Path.of(lines.get(0)))) {
                return Optional.empty();
            }
            String inherited = System.getenv("LD_LIBRARY_PATH");
            String libraries = lines.get(1) + (inherited == null || inherited.isBlank() ? "" : ":" + inherited);
            return Optional.of(new Interpreter(Path.of(lines.get(0)), Map.of("LD_LIBRARY_PATH", libraries)));
        } catch (MeasurementException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
