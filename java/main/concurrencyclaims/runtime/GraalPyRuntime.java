package concurrencyclaims.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.measure.CpuMeter;
import concurrencyclaims.runtime.js.GraalJsMode;
import concurrencyclaims.runtime.python.GraalPyMain;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GraalPy through the GraalVM Polyglot API, in a child JVM of its own ({@link GraalPyMain}) that runs
 * {@code python/driver.py serve}: one GraalPy context for the whole run, asked for one sample a request, so its JIT
 * keeps what it compiled (as the JVM does for Java and GraalJS), and its start-up (about 20 s, most of it importing
 * the driver) is paid once. A child JVM rather than this one: a sample's CPU time is then that JVM's, and a hung
 * workload is ended by killing it. Same driver, same workloads, same report as CPython; its "processes"
 * (multiprocessing's graalpy start method) are further GraalPy contexts on threads of that JVM, not OS processes.
 */
public final class GraalPyRuntime implements Runtime {
    public static final String NAME = "graalpy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** JVM flags of this JVM that the child needs too: the Graal compiler for Truffle's optimizing runtime. */
    private static final List<String> JIT_FLAG_PREFIXES = List.of("-XX:+UnlockExperimentalVMOptions",
            "-XX:+EnableJVMCI", "--upgrade-module-path=");

    private final Path projectRoot;
    private final Path driver;
    private final String unavailable;
    private final Map<String, Object> description;
    private final List<String> models;
    private final String id;
    private DriverServer server = new DriverServer("GraalPy's JVM", this::command, START_TIMEOUT);
    private boolean warmedUp;

    private GraalPyRuntime(Path projectRoot, String id, String unavailable, Map<String, Object> description,
                           List<String> models) {
        this.projectRoot = projectRoot;
        this.driver = projectRoot.resolve("python").resolve("driver.py");
        this.id = id;
        this.unavailable = unavailable;
        this.description = description;
        this.models = models;
    }

    /** GraalPy when {@code pythonSpec} is {@code all} or names {@code graalpy}; otherwise none. */
    public static List<Runtime> discover(Path projectRoot, String pythonSpec) {
        String spec = pythonSpec == null ? "" : pythonSpec.strip();
        boolean wanted = spec.equals("all") || List.of(spec.split(",")).stream().map(String::strip).anyMatch(NAME::equals);
        return wanted ? List.of(probe(projectRoot)) : List.of();
    }

    /**
     * Why multiprocessing's models do not run on GraalPy embedded through the Polyglot API, as its own errors say:
     * its POSIX layer there is written in Java ({@code python.PosixModuleBackend=java}).
     */
    static final String PROCESSES_NOT_OFFERED = "GraalPy embedded through the Polyglot API has a POSIX layer written in"
            + " Java, which lacks getppid: a multiprocessing worker (a further GraalPy context) fails as it starts, so"
            + " none starts (\"Feature not supported on 'java' POSIX backend: getppid\"), and a ProcessPoolExecutor"
            + " refuses to start (\"system provides too few semaphores (32 available, 256 necessary)\")";

    @Override
    public Optional<String> modelNotOfferedBecause(String model) {
        return model.startsWith("multiprocessing-") || model.equals("process-pool")
                ? Optional.of(PROCESSES_NOT_OFFERED) : Optional.empty();
    }

    static GraalPyRuntime probe(Path projectRoot) {
        Path classpath = classpathFile(projectRoot);
        if (!Files.isRegularFile(classpath)) {
            return new GraalPyRuntime(projectRoot, NAME, "GraalPy's class path " + classpath + " is missing: run mvn"
                    + " verify (the build resolves org.graalvm.polyglot:python-community and writes it)", Map.of(), List.of());
        }
        GraalPyRuntime starting = new GraalPyRuntime(projectRoot, NAME, null, Map.of(), List.of());
        try {
            JsonNode node = starting.server.request(List.of("describe"), START_TIMEOUT, "GraalPy describe");
            @SuppressWarnings("unchecked")
            Map<String, Object> description = new LinkedHashMap<>(JSON.convertValue(node, LinkedHashMap.class));
            description.put("runs_in", "a child JVM, through the GraalVM Polyglot API (org.graalvm.polyglot:"
                    + "python-community), one context for the whole run");
            description.put("jit", starting.jit());
            description.put("jit_mode", starting.jit() ? "Truffle optimizing runtime (Graal compiler)" : "interpreter only");
            description.put("processes", "multiprocessing's graalpy start method: another GraalPy context on a thread"
                    + " of the same JVM, not an OS process");
            List<String> models = new ArrayList<>();
            node.path("models").forEach(m -> models.add(m.asText()));
            // Not offered, so that their claims say why (UNAVAILABLE) instead of failing on a timeout.
            List<String> processModels = models.stream().filter(m -> m.startsWith("multiprocessing-")
                    || m.equals("process-pool")).toList();
            models.removeAll(processModels);
            description.put("models", models);
            description.put("models_not_offered", Map.of("models", processModels, "why", PROCESSES_NOT_OFFERED));
            GraalPyRuntime runtime = new GraalPyRuntime(projectRoot, NAME + "-" + node.path("version").asText("unknown"),
                    null, description, List.copyOf(models));
            runtime.server = starting.server;  // already started and warm from the describe: keep it
            runtime.idleFromNow();
            return runtime;
        } catch (MeasurementException e) {
            starting.close();
            return new GraalPyRuntime(projectRoot, NAME, "GraalPy cannot start: " + e.getMessage(), Map.of(), List.of());
        }
    }

    private static Path classpathFile(Path projectRoot) {
        return projectRoot.resolve("target").resolve("graalpy.classpath");
    }

    private boolean jit() {
        return GraalJsMode.jvmciEnabled();
    }

    private List<String> command() throws MeasurementException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                // Compiler threads that end when idle take their CPU time out of the per-thread sums that a
                // sample's CPU is computed from (see run): HotSpot's are kept for the JVM's life, Truffle's too
                // (engine.CompilerIdleDelay in GraalPyMain).
                "-XX:-UseDynamicNumberOfCompilerThreads",
                "-Djava.io.tmpdir=" + projectRoot.resolve("target").resolve("tmp")));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> JIT_FLAG_PREFIXES.stream().anyMatch(a::startsWith)).forEach(command::add);
        try {
            String jars = Files.readString(classpathFile(projectRoot), StandardCharsets.UTF_8).strip();
            String classes = Path.of(GraalPyMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            command.addAll(List.of("-cp", classes + java.io.File.pathSeparator + jars, GraalPyMain.class.getName(),
                    driver.toString(), "serve"));
        } catch (IOException | java.net.URISyntaxException e) {
            throw new MeasurementException("GraalPy: cannot read its class path: " + e.getMessage());
        }
        return command;
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

    @Override
    public Map<String, Object> describe() {
        return description;
    }

    /** Its JIT keeps compiled code from one sample to the next, like this JVM's. */
    @Override
    public boolean warmsUpAcrossSamples() {
        return true;
    }

    /**
     * Before the first measurement of the run, before any other runtime's: the CPU workload again and again,
     * sequential, on two threads and on a pool of two, until its JVM is quiet after {@value #QUIET_CALLS} calls in a
     * row, or {@value #WARM_UP_LIMIT_S} s have passed. On a stock JDK the Graal compiler is Java code that C2 compiles
     * first, and GraalPy's interpreter is compiled too: a minute or more of two busy cores after the driver's import.
     * Only then does calibration size compiled code, and does its compiler leave the others' samples alone.
     */
    @Override
    public void prepareForMeasuring() throws MeasurementException {
        if (warmedUp || unavailable != null) {
            return;
        }
        long started = System.nanoTime();
        List<String> models = List.of("sequential", "threading", "thread-pool");
        int quiet = 0;
        for (int call = 0; quiet < QUIET_CALLS && (System.nanoTime() - started) / 1e9 < WARM_UP_LIMIT_S; call++) {
            String model = models.get(call % models.size());
            Job warm = new Job("integer_hash", model, model.equals("sequential") ? 1 : 2,
                    new WorkloadSize(WorkloadSize.DEFAULT_UNITS, 200_000), Duration.ofSeconds((long) WARM_UP_LIMIT_S));
            run(warm);
            quiet = busyInBackground() ? 0 : quiet + 1;
        }
        warmedUp = true;
    }

    /**
     * A sample's CPU is its JVM's, read in clock ticks (10 ms, and up to two of them off), less its compilers':
     * half a second keeps that error within a few per cent of the sample.
     */
    @Override
    public double minimumSampleSeconds() {
        return 0.5;
    }

    @Override
    public String preparation() {
        return warmedUp || unavailable != null ? null : "warming up GraalPy until its JIT compilers are quiet, once per"
                + " run (at most " + (long) WARM_UP_LIMIT_S + " s)";
    }

    private static final double WARM_UP_LIMIT_S = 300;
    private static final int QUIET_CALLS = 3;

    /**
     * Whether GraalPy's JVM, between requests, keeps more than this share of a core busy: its compiler threads are
     * still working, and would take a core from whatever is measured next (the Java control, say).
     */
    private static final double STILL_COMPILING = 0.15;
    private static final Duration IDLE_WINDOW = Duration.ofMillis(300);

    @Override
    public boolean stillWarming() {
        return busyInBackground();
    }

    /**
     * Its JVM's CPU since the end of its last request (or the last look), over at least {@link #IDLE_WINDOW}: above
     * {@value #STILL_COMPILING} of a core, its compiler threads are still working through what the last samples
     * queued.
     */
    @Override
    public synchronized boolean busyInBackground() {
        java.util.OptionalLong pid = server.pid();
        if (pid.isEmpty()) {
            return false;
        }
        try {
            long wait = IDLE_WINDOW.toNanos() - (System.nanoTime() - idleSince);
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            double cpu = CpuMeter.processCpuSeconds(pid.getAsLong());
            long now = System.nanoTime();
            double busy = (cpu - idleCpu) / ((now - idleSince) / 1e9);
            idleSince = now;
            idleCpu = cpu;
            return busy > STILL_COMPILING;
        } catch (IOException e) {
            return false;  // gone: nothing of it left to warm
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Since when its JVM has had nothing to run, and its CPU seconds then. */
    private long idleSince = System.nanoTime();
    private double idleCpu = Double.POSITIVE_INFINITY;

    private synchronized void idleFromNow() {
        idleSince = System.nanoTime();
        java.util.OptionalLong pid = server.pid();
        try {
            idleCpu = pid.isEmpty() ? Double.POSITIVE_INFINITY : CpuMeter.processCpuSeconds(pid.getAsLong());
        } catch (IOException e) {
            idleCpu = Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (unavailable != null) {
            throw new MeasurementException(unavailable);
        }
        List<String> argv = CPythonRuntime.driverRunArguments(job);
        String what = id + " " + job.describe();
        long started = System.nanoTime();
        double[] before = serverCpuSeconds();
        JsonNode report;
        try {
            report = server.request(argv, job.timeout(), what);
        } finally {
            idleFromNow();
        }
        double[] after = serverCpuSeconds();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("process_s", (System.nanoTime() - started) / 1e9);
        // GraalPy's resource.getrusage counts only the calling thread (a utilisation of 0.02 for two busy threads),
        // so the CPU is read from outside: the JVM's over the whole request, less its compiler and collector
        // threads, which went on compiling for minutes here (2 cores of them beside two Python threads). The request
        // around the run (reading, parsing, answering) is in that CPU and not in wall_s: 7.6 ms median here beside
        // 0.2 s samples, a utilisation about 4 % high, far from either bound of the claims GraalPy is judged on.
        double cpu = (after[0] - before[0]) - (after[1] - before[1]);
        extra.put("jvm_service_cpu_s", after[1] - before[1]);
        Sample reported = DriverReport.toSample(report, extra, what);
        return Double.isNaN(cpu) || cpu < 0 ? reported : new Sample(reported.wallSeconds(), cpu, reported.checksum(),
                reported.peakRssKiB(), reported.details());
    }

    /** Threads of the JVM itself, which run no Python: its compilers (C1, C2, Truffle's), collectors and VM threads. */
    private static boolean isJvmServiceThread(String name) {
        return JVM_SERVICE_THREADS.matcher(name).lookingAt();
    }

    private static final java.util.regex.Pattern JVM_SERVICE_THREADS =
            java.util.regex.Pattern.compile("C[12] Compiler|TruffleCompiler|JVMCI|GC Thread|G1 |VM Thread|VM Periodic");

    /** {CPU seconds of GraalPy's JVM, of its service threads} so far; NaN before it starts or once it is gone. */
    private double[] serverCpuSeconds() {
        java.util.OptionalLong pid = server.pid();
        try {
            return pid.isEmpty() ? new double[] {Double.NaN, Double.NaN} : new double[] {
                CpuMeter.processCpuSeconds(pid.getAsLong()),
                CpuMeter.threadsCpuSeconds(pid.getAsLong(), GraalPyRuntime::isJvmServiceThread)};
        } catch (IOException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return id + " (GraalPy in a child JVM)";
    }
}
