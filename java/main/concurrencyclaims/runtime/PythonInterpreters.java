package concurrencyclaims.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Python interpreters the build gets rather than finds: the relocatable CPython that {@code mvn} unpacks from
 * Maven Central ({@code org.bytedeco:cpython}, the default where {@code python3} is not on PATH) and the free-threaded
 * CPython that {@code python/build-free-threaded.sh} builds once per machine into the user's cache.
 */
final class PythonInterpreters {
    private static final Pattern INTERPRETER = Pattern.compile("python3\\.\\d+");
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private PythonInterpreters() {
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
}
