package concurrencyclaims.catalog;

import concurrencyclaims.workloads.JavaWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a workload's implementations are, found by its name alone: {@code python/workloads/<name>.py},
 * {@code js/workloads/<name>.js} and the Java class {@code concurrencyclaims.workloads.<Name>}. What a workload
 * declares about itself is read from the first of them that exists: the Java class's methods, else the Python
 * module's top-level {@code SIZED_BY_TIME = True} and {@code PARAMETERS = {...}}, else the JavaScript module's
 * {@code sizedByTime: true} and {@code parameters: [...]} (suites/README.md, Adding a workload). No list anywhere names
 * the workloads.
 */
public final class WorkloadFiles {
    private static final Pattern PY_SIZED = Pattern.compile("(?m)^SIZED_BY_TIME\\s*=\\s*True\\b");
    private static final Pattern JS_SIZED = Pattern.compile("\\bsizedByTime\\s*:\\s*true\\b");

    private final Path root;

    public WorkloadFiles(Path projectRoot) {
        this.root = projectRoot.toAbsolutePath().normalize();
    }

    public Path python(String workload) {
        return root.resolve("python/workloads/" + workload + ".py");
    }

    public Path javascript(String workload) {
        return root.resolve("js/workloads/" + workload + ".js");
    }

    public Optional<JavaWorkload> java(String workload) {
        return JavaWorkload.named(workload);
    }

    /** The languages that implement {@code workload}: java, python, js. */
    public List<String> languages(String workload) {
        List<String> found = new ArrayList<>();
        if (!JavaWorkload.NAME.matcher(workload == null ? "" : workload).matches()) {
            return found;
        }
        if (java(workload).isPresent()) {
            found.add("java");
        }
        if (Files.isRegularFile(python(workload))) {
            found.add("python");
        }
        if (Files.isRegularFile(javascript(workload))) {
            found.add("js");
        }
        return found;
    }

    /** Whether the harness may size {@code workload} to a running time, as its first implementation declares. */
    public boolean sizedByTime(String workload) {
        Optional<JavaWorkload> java = java(workload);
        if (java.isPresent()) {
            return java.get().sizedByTime();
        }
        return declares(python(workload), PY_SIZED) || declares(javascript(workload), JS_SIZED);
    }

    /** Whether {@code workload} takes the parameter {@code name}, as its first implementation declares. */
    public boolean takes(String workload, String name) {
        Optional<JavaWorkload> java = java(workload);
        if (java.isPresent()) {
            return java.get().parameters().containsKey(name);
        }
        Pattern key = Pattern.compile("[\"']" + Pattern.quote(name) + "[\"']|\\b" + Pattern.quote(name) + "\\s*:");
        return declares(python(workload), key) || declares(javascript(workload), key);
    }

    /** The workload folders, for messages that say where a workload could be. */
    public String where(String workload) {
        return "python/workloads/" + workload + ".py, js/workloads/" + workload + ".js or "
                + JavaWorkload.sourceFile(workload);
    }

    private static boolean declares(Path file, Pattern declaration) {
        try {
            return Files.isRegularFile(file) && declaration.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            return false;
        }
    }
}
