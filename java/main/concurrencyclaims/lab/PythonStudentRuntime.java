package concurrencyclaims.lab;

import concurrencyclaims.runtime.CPythonRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A student's Python files, run by {@code python/lab_driver.py} on the interpreter the suite's Python claims use. */
public final class PythonStudentRuntime extends StudentRuntime {
    private final Path driver;

    public PythonStudentRuntime(CPythonRuntime trusted, Path projectRoot, Lab lab, Path submission, Sandbox sandbox) {
        super(trusted, lab, submission, sandbox);
        this.driver = projectRoot.resolve("python/lab_driver.py");
    }

    @Override
    protected List<Path> childReadable() {
        return List.of(installation(Path.of(((CPythonRuntime) trusted).executable())), driver.getParent());
    }

    @Override
    protected Map<String, String> childEnvironment() {
        return ((CPythonRuntime) trusted).environment();
    }

    @Override
    protected List<String> childCommand(Path file) {
        return List.of(((CPythonRuntime) trusted).executable(), "-E", "-s", driver.toString(), file.toString(),
                Integer.toString(sandbox.memoryMib()));
    }
}
