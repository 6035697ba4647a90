package concurrencyclaims.lab;

import concurrencyclaims.runtime.NodeRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A student's JavaScript files, run by {@code js/lab_driver.js} on the standalone node the suite uses, with the
 * harness's js folder on NODE_PATH so that {@code require('labkit')} works in the main thread and in Workers.
 */
public final class NodeStudentRuntime extends StudentRuntime {
    private final Path js;

    public NodeStudentRuntime(NodeRuntime trusted, Path projectRoot, Lab lab, Path submission, Sandbox sandbox) {
        super(trusted, lab, submission, sandbox);
        this.js = projectRoot.resolve("js");
    }

    @Override
    protected List<String> childCommand(Path file) {
        return List.of(((NodeRuntime) trusted).executable().toString(), "--max-old-space-size=" + sandbox.memoryMib(),
                js.resolve("lab_driver.js").toString(), file.toString());
    }

    @Override
    protected List<Path> childReadable() {
        return List.of(installation(((NodeRuntime) trusted).executable()), js);
    }

    @Override
    protected boolean watchesEventLoop() {
        return true;
    }

    @Override
    protected Map<String, String> childEnvironment() {
        return Map.of("NODE_PATH", js.toString());
    }
}
