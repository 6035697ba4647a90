package concurrencyclaims.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CPython interpreter run as a child process: {@code python/driver.py} runs a workload under a model and prints one
 * JSON line. The interpreter is asked once, at discovery, what it is and which models it offers. Each sample runs in
 * a forked copy of one interpreter kept for the whole run ({@code driver.py serve --fork}), which has imported the
 * driver and never runs a workload itself: every sample starts from the same fresh interpreter, as a program of its
 * own would, without the 100 to 200 ms of starting one and importing the driver that it spent outside its timed
 * part. A workload that measures its whole process ({@code FRESH_INTERPRETER}, idle_memory: the pages a forked copy
 * shares with the server would be counted partly to the server) gets an interpreter started for it. An interpreter
 * may need variables in its environment (the PyPy the build unpacks: where its shared library is); every process
 * this runtime starts gets them, and the interpreter's own children (multiprocessing's spawn and forkserver, its
 * resource tracker) inherit them.
 */
public final class CPythonRuntime implements Runtime {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(60);

    private final String command;
    private final Map<String, String> environment;
    private final Path driver;
    private final String id;
    private final String unavailable;
    private final Map<String, Object> description;
    private final List<String> models;
    private final String executable;
    private final boolean gilClaimsOnly;
    private final Set<String> freshInterpreterWorkloads;
    private final DriverServer server;

    private CPythonRuntime(String command, Map<String, String> environment, Path driver, String id, String unavailable,
                           Map<String, Object> description, List<String> models, String executable,
                           Set<String> freshInterpreterWorkloads) {
        this(command, environment, driver, id, unavailable, description, models, executable, false,
                freshInterpreterWorkloads, null);
    }

    private CPythonRuntime(String command, Map<String, String> environment, Path driver, String id, String unavailable,
                           Map<String, Object> description, List<String> models, String executable,
                           boolean gilClaimsOnly, Set<String> freshInterpreterWorkloads, DriverServer server) {
        this.gilClaimsOnly = gilClaimsOnly;
        this.freshInterpreterWorkloads = freshInterpreterWorkloads;
        this.server = server != null ? server : new DriverServer(id + "'s kept interpreter",
                () -> List.of(executable, "-E", "-s", driver.toString(), "serve", "--fork"), environment,
                SERVER_START_TIMEOUT);
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.driver = driver;
        this.id = id;
        this.unavailable = unavailable;
        this.description = description;
        this.models = models;
        this.executable = executable;
    }

    /** Python implementations the driver runs as child processes (GraalPy embedded would be another runtime). */
    private static final List<String> IMPLEMENTATIONS = List.of("CPython", "PyPy");

    /**
     * In a default run, a free-threaded build is there for the claims about the GIL (the GIL claim and its
     * free-threaded counterpart side by side), not for every Python claim again.
     */
    CPythonRuntime onlyForClaimsAboutTheGil() {
        return new CPythonRuntime(command, environment, driver, id, unavailable, description, models, executable,
                true, freshInterpreterWorkloads, server);
    }

    @Override
    public boolean judgesOnlyClaimsAboutTheGil() {
        return gilClaimsOnly;
    }

    /** Asks {@code command} (a path or a name on PATH) to describe itself; never throws: a failure makes it unavailable. */
    public static CPythonRuntime probe(String command, Path projectRoot) {
        return probe(command, Map.of(), projectRoot);
    }

    /** The same for an interpreter that needs {@code environment} added to this JVM's to start. */
    static CPythonRuntime probe(String command, Map<String, String> environment, Path projectRoot) {
        Path driver = projectRoot.resolve("python").resolve("driver.py");
        String fallbackId = "cpython-" + Path.of(command).getFileName();
        try {
            ChildProcess.Result result = ChildProcess.of(command + " describe",
                    List.of(command, "-E", "-s", driver.toString(), "describe")).withEnvironment(environment)
                    .timeout(DESCRIBE_TIMEOUT).run();
            JsonNode node = ChildProcess.lastJsonLine(result.stdout(), command + " describe");
            @SuppressWarnings("unchecked")
            Map<String, Object> description = JSON.convertValue(node, LinkedHashMap.class);
            if (!environment.isEmpty()) {
                description.put("environment", new java.util.TreeMap<>(environment));
            }
            List<String> models = new ArrayList<>();
            node.path("models").forEach(m -> models.add(m.asText()));
            String version = node.path("version").asText("unknown");
            boolean freeThreaded = node.path("free_threaded_build").asBoolean(false);
            String implementation = node.path("implementation").asText();
            String id = implementation.toLowerCase(java.util.Locale.ROOT) + "-" + version + (freeThreaded ? "t" : "");
            if (!IMPLEMENTATIONS.contains(implementation)) {
                return unavailable(command, driver, id, command + " is " + implementation
                        + ", which the driver does not run (it runs " + IMPLEMENTATIONS + "): pass -Dpython=/path/to/python3");
            }
            if (compareVersions(version, "3.8") < 0) {
                return unavailable(command, driver, id, command + " is Python " + version + "; the driver needs 3.8+");
            }
            Set<String> fresh = new java.util.TreeSet<>();
            node.path("workload_info").properties().forEach(w -> {
                if (w.getValue().path("fresh_interpreter").asBoolean(false)) {
                    fresh.add(w.getKey());
                }
            });
            return new CPythonRuntime(command, environment, driver, id, null, description, List.copyOf(models),
                    node.path("executable").asText(command), Set.copyOf(fresh));
        } catch (MeasurementException e) {
            String reason = e.getMessage().contains("cannot start")
                    ? "no Python interpreter '" + command + "' found: install CPython 3.8+ or pass -Dpython=/path/to/python3"
                    : e.getMessage();
            return unavailable(command, driver, fallbackId, reason);
        }
    }

    /** An interpreter the run was asked for but that is not there, with what to do. */
    static CPythonRuntime missing(String name, Path projectRoot, String reason) {
        return unavailable(name, projectRoot.resolve("python").resolve("driver.py"), "cpython-" + name, reason);
    }

    private static CPythonRuntime unavailable(String command, Path driver, String id, String reason) {
        return new CPythonRuntime(command, Map.of(), driver, id, reason, Map.of("command", command), List.of(), command,
                Set.of());
    }

    /** Compares dotted versions by their leading numbers: 3.10 > 3.9, 3.13.5 = 3.13.5t. */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parseLeadingInt(x[i]) : 0;
            int q = i < y.length ? parseLeadingInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parseLeadingInt(String part) {
        String digits = part.replaceAll("^(\\d*).*$", "$1");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "cpython";
    }

    @Override
    public String language() {
        return "python";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public List<String> models() {
        return models;
    }

    /**
     * Nothing to warm: every sample is a copy of an interpreter that has run nothing, so a JIT (PyPy's) starts cold
     * in each, as in a program of its own, and a warm-up round could not warm the next copy. PyPy compiles a loop in
     * the thread that runs it, early in its first unit: a process worker's compiling lies inside its own interval,
     * alike in every worker, and threads share one compile; so compiling does not move the figures the claims judge
     * (CPU over wall time, cores busy at once).
     */
    @Override
    public boolean warmsUpAcrossSamples() {
        return false;
    }

    /** Used by tests: the process id of the interpreter kept across samples, while one runs. */
    java.util.OptionalLong keptInterpreterPid() {
        return server.pid();
    }

    @Override
    public Map<String, Object> describe() {
        return description;
    }

    /** The interpreter's own path (pyenv shims resolved), so each run skips the shim's start-up. */
    public String executable() {
        return executable;
    }

    /** What every process that runs {@link #executable()} needs added to this JVM's environment; mostly nothing. */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (unavailable != null) {
            throw new MeasurementException(unavailable);
        }
        String what = id + " " + job.describe();
        if (!freshInterpreterWorkloads.contains(job.workload())) {
            long started = System.nanoTime();
            JsonNode report = server.request(driverRunArguments(job), job.timeout(), what);
            return DriverReport.toSample(report, Map.of("process_s", (System.nanoTime() - started) / 1e9,
                    "interpreter", "forked from the kept one"), what);
        }
        List<String> arguments = new ArrayList<>(List.of(executable, "-E", "-s", driver.toString()));
        arguments.addAll(driverRunArguments(job));
        ChildProcess.Result result = ChildProcess.of(what, arguments).withEnvironment(environment)
                .timeout(job.timeout()).run();
        return DriverReport.toSample(ChildProcess.lastJsonLine(result.stdout(), what),
                Map.of("process_s", result.elapsed().toNanos() / 1e9), what);
    }

    /**
     * The arguments of {@code driver.py run} for {@code job}: {@code run --workload ... [--param name=value ...]}, and
     * {@link Job#TURNS_LOCK} as the driver's own {@code --turns-lock}, since it is no parameter of a workload.
     */
    static List<String> driverRunArguments(Job job) {
        List<String> arguments = new ArrayList<>(List.of("run", "--workload", job.workload(), "--model", job.model(),
                "--workers", Integer.toString(job.workers()), "--units", Integer.toString(job.size().units()),
                "--iterations", Long.toString(job.size().iterations())));
        job.parameters().forEach((name, value) -> arguments.addAll(name.equals(Job.TURNS_LOCK)
                ? List.of("--turns-lock", value) : List.of("--param", name + "=" + value)));
        return arguments;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return id + " (" + command + ")";
    }
}
