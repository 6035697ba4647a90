package concurrencyclaims.lab;

import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A student's Java files: compiled here at grading time with the JDK's compiler API (annotation processing off, so
 * compiling runs none of their code), each into a folder of its own, and run in a child JVM by
 * {@link JavaLabChild}, never in the harness's JVM.
 */
public final class JavaStudentRuntime extends StudentRuntime {
    private final Map<Path, Object> compiled = new ConcurrentHashMap<>();

    public JavaStudentRuntime(Runtime trusted, Lab lab, Path submission, Sandbox sandbox) {
        super(trusted, lab, submission, sandbox);
    }

    @Override
    protected List<Path> childReadable() throws MeasurementException {
        List<Path> readable = new ArrayList<>(List.of(Path.of(System.getProperty("java.home")),
                Path.of(harnessClasses())));
        compiled.values().stream().filter(Path.class::isInstance).map(Path.class::cast).forEach(readable::add);
        return readable;
    }

    @Override
    protected List<String> childCommand(Path file) throws MeasurementException {
        Path classes = compile(file);
        String className = file.getFileName().toString().replaceFirst("\\.java$", "");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-Xmx" + sandbox.memoryMib() + "m", "-cp", harnessClasses() + java.io.File.pathSeparator + classes,
                JavaLabChild.class.getName(), className);
    }

    /** The compiled classes of {@code file}, compiled once per run; a compile error names the file and line. */
    private Path compile(Path file) throws MeasurementException {
        Object done = compiled.get(file);
        if (done instanceof Path classes) {
            return classes;
        }
        if (done instanceof String error) {
            throw new MeasurementException(error);
        }
        try {
            Path classes = Files.createTempDirectory("lab-classes-");
            String error = javac(file, classes);
            compiled.put(file, error == null ? classes : error);
            if (error != null) {
                throw new MeasurementException(error);
            }
            return classes;
        } catch (IOException e) {
            throw new MeasurementException("cannot compile " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Compiles; null when it worked, else the first error as "File.java:12: message". */
    static String javac(Path file, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return "cannot compile " + file.getFileName() + ": this JVM has no Java compiler (run the harness on a JDK)";
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
            // The harness's classes too: a student's file imports concurrencyclaims.lab.Labkit.
            String classPath;
            try {
                classPath = classes + java.io.File.pathSeparator + harnessClasses();
            } catch (MeasurementException e) {
                return "cannot compile " + file.getFileName() + ": " + e.getMessage();
            }
            List<String> options = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", classPath));
            boolean ok = compiler.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
            if (ok) {
                return null;
            }
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst()
                .map(d -> file.getFileName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines()
                        .findFirst().orElse("").strip())
                .orElse(file.getFileName() + ": does not compile");
    }

    private static String harnessClasses() throws MeasurementException {
        try {
            return Path.of(JavaLabChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new MeasurementException("cannot locate the harness's classes for the lab's child JVM: " + e.getMessage());
        }
    }
}
