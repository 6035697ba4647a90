package concurrencyclaims.runtime;

import com.caoccao.javet.enums.V8AwaitMode;
import com.caoccao.javet.interop.NodeRuntime;
import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.options.NodeRuntimeOptions;
import concurrencyclaims.runtime.js.JsProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Node.js embedded in this JVM through Javet. Each measurement gets a fresh NodeRuntime (≈ 50 ms, outside the timed
 * part) on its own platform thread, which pumps the event loop until the driver reports. The measurement itself runs
 * in one Worker supervised by the embedded main loop ({@code driver.supervise}): V8's TerminateExecution on the main
 * isolate while it spins in a timer callback aborts the whole JVM ("async hook stack has become corrupted", measured),
 * while worker.terminate() stops a spinning Worker cleanly. Every other hazard is guarded too: process.exit /
 * uncaught exceptions / unhandled rejections become errors (guards installed before workload code, in the main
 * isolate and in the worker), a timer left running is reported, and the runtime is closed with setStopping(true)
 * so close() does not drain a live loop.
 *
 * <p>CPU time is the driver's {@code process.cpuUsage()}, which in embedded Node is the whole JVM process
 * (getrusage): it includes the JVM's own GC/JIT threads, and so is an upper bound of the workload's CPU.
 */
public final class JavetRuntime extends JavaScriptRuntime {
    public static final String KIND = "javet";
    public static final List<String> MODELS = List.of("event-loop", "worker-threads", "workers-shared-memory");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final JsProject js;
    private final String unavailable;
    private final Map<String, Object> description = new LinkedHashMap<>();
    private volatile String broken;

    private JavetRuntime(Path projectRoot) {
        super(KIND, MODELS);
        this.js = new JsProject(projectRoot);
        String reason = js.missingReason();
        if (reason == null) {
            reason = probe();
        }
        this.unavailable = reason;
    }

    /** The embedded-Node runtime (one; it reports why when Javet or its native library cannot load). */
    public static List<Runtime> discover(Path projectRoot) {
        return List.of(new JavetRuntime(projectRoot));
    }

    /** Sets the V8 flags before the first V8 runtime of the JVM exists, loads the library and asks Node its version. */
    private String probe() {
        try {
            String flags = applyFlags();
            V8Host host = V8Host.getNodeInstance();
            try (NodeRuntime rt = host.createV8Runtime()) {
                String[] v = rt.getExecutor("process.version + ' ' + process.versions.v8").executeString().split(" ");
                description.put("version", v[0]);
                description.put("node_version", v[0]);
                description.put("v8_version", v[1]);
            }
            description.put("javet_version", host.getJavetVersion());
            description.put("v8_flags", flags);
            description.put("v8_use_strict", NodeRuntimeOptions.V8_FLAGS.isUseStrict());
            return null;
        } catch (Throwable e) {
            return "Javet (embedded Node) cannot start in this JVM: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage();
        }
    }

    private static synchronized String applyFlags() {
        var flags = NodeRuntimeOptions.V8_FLAGS;
        if (!flags.isSealed() && !JsProject.V8_FLAGS.equals(flags.getCustomFlags())) {
            flags.setCustomFlags(JsProject.V8_FLAGS);
        }
        // Sealed before us (another part of this JVM created a V8 runtime first): record what is really in force.
        return flags.getCustomFlags() == null ? "" : flags.getCustomFlags();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable != null ? unavailable : broken);
    }

    @Override
    public boolean runsInThisJvm(String model) {
        return true;
    }

    @Override
    public String sequentialModel() {
        return "event-loop";
    }

    /** Nothing to warm: a fresh NodeRuntime (V8 isolate) per sample, whose JavaScript compiles anew. */
    @Override
    public boolean warmsUpAcrossSamples() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", KIND);
        d.putAll(description);
        d.put("cpu_time", "process CPU of the whole JVM (getrusage through process.cpuUsage()), includes JVM threads");
        d.put("runtime_per_measurement", "fresh NodeRuntime per measurement, created outside the timed part");
        d.put("workload_thread", "one Worker per measurement, supervised by the embedded main loop (can be terminated)");
        unavailableReason().ifPresent(r -> d.put("unavailable", r));
        return d;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (!MODELS.contains(job.model())) {
            throw new MeasurementException("model " + job.model() + " is not supported by " + KIND + " (models: "
                    + String.join(", ", MODELS) + (job.model().equals("child-processes")
                    ? "; embedded Node cannot fork a node child: its process.execPath is the JVM)" : ")"));
        }
        return run(job, js.workload(job.workload(), KIND));
    }

    /** Runs {@code job} with the workload file {@code script} (absolute); tests use it for hazard fixtures. */
    Sample run(Job job, Path script) throws MeasurementException {
        if (unavailable != null) {
            throw new MeasurementException(KIND + " is unavailable: " + unavailable);
        }
        if (broken != null) {
            throw new MeasurementException(KIND + " is unusable: " + broken);
        }
        String what = KIND + " " + job.describe();
        String spec = JsProject.spec(job, script);
        AtomicReference<NodeRuntime> live = new AtomicReference<>();
        AtomicReference<Object> outcome = new AtomicReference<>(); // String result JSON, or MeasurementException
        long deadline = System.nanoTime() + job.timeout().toNanos();
        Thread pump = Thread.ofPlatform().name("javet-" + job.workload()).daemon().unstarted(
                () -> outcome.set(pumpUntilDone(spec, deadline, job.timeout(), live, what)));
        pump.start();
        try {
            if (!joinUntil(pump, deadline + Duration.ofMillis(500).toNanos())) {
                // Should not happen: workload code runs in a Worker, the main loop only supervises. V8's
                // TerminateExecution on the main isolate would abort the whole JVM inside a callback, so wait once more.
                if (!joinUntil(pump, System.nanoTime() + STOP_GRACE.toNanos())) {
                    broken = "a timed-out embedded Node runtime did not stop within " + STOP_GRACE.toSeconds() + " s";
                    throw new MeasurementException(what + " did not finish within " + job.timeout().toSeconds()
                            + " s and its runtime could not be stopped; " + KIND + " is disabled for this JVM");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException(what + " was interrupted");
        }
        Object result = outcome.get();
        if (result instanceof MeasurementException e) {
            throw e;
        }
        if (result == null) {
            throw new MeasurementException(what + " did not finish within " + job.timeout().toSeconds()
                    + " s (the loop thread was stuck in JS and was terminated)");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("runtime", KIND);
        extra.put("v8_flags", description.getOrDefault("v8_flags", ""));
        return JsProject.sample((String) result, extra, what);
    }

    private static boolean joinUntil(Thread t, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            t.join(Duration.ofNanos(left));
        }
        return !t.isAlive();
    }

    /** On the pump thread: returns the result JSON, or a MeasurementException, or null when terminated. */
    private Object pumpUntilDone(String spec, long deadline, Duration timeout, AtomicReference<NodeRuntime> live,
            String what) {
        NodeRuntime rt = null;
        try {
            rt = V8Host.getNodeInstance().createV8Runtime();
            live.set(rt);
            rt.getGlobalObject().set("__ccSpec", spec);
            rt.getGlobalObject().set("__ccDriver", js.driver().toString());
            rt.getExecutor(BOOTSTRAP).executeVoid();
            Object outcome = null;
            while (outcome == null) {
                String o = rt.getExecutor(
                        "typeof globalThis.__ccOutcome === 'string' ? globalThis.__ccOutcome : ''").executeString();
                if (!o.isEmpty()) {
                    outcome = o.startsWith("E") ? new MeasurementException(what + " failed: " + o.substring(1))
                            : o.substring(1);
                } else if (System.nanoTime() > deadline) {
                    outcome = new MeasurementException(what + " did not finish within " + timeout.toMillis() / 1000.0
                            + " s; its worker was terminated");
                } else {
                    rt.await(V8AwaitMode.RunOnce); // the bootstrap's 50 ms heartbeat bounds how long this blocks
                }
            }
            // Stop the measurement worker (it may still spin or keep a timer) and let it exit before closing.
            rt.getExecutor("globalThis.__ccStop()").executeVoid();
            long stopBy = System.nanoTime() + STOP_GRACE.toNanos();
            while (!rt.getExecutor("globalThis.__ccExited()").executeBoolean() && System.nanoTime() < stopBy) {
                rt.await(V8AwaitMode.RunOnce);
            }
            return outcome;
        } catch (Throwable e) {
            return new MeasurementException(what + " failed in Javet: " + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace("\n", " ⏎ "), e);
        } finally {
            if (rt != null) {
                try {
                    rt.setStopping(true); // else close() drains a loop that may never end (intervals, workers)
                    rt.close();
                } catch (Throwable ignored) {
                    // Nothing more to save; the next measurement gets a fresh runtime.
                }
            }
        }
    }

    /**
     * Runs in the fresh NodeRuntime: guards first (driver.installGuards), then the driver. The outcome is one string,
     * "R" + result JSON or "E" + message, written once (first one wins).
     */
    private static final String BOOTSTRAP = """
            (function () {
              const settle = (s) => { if (typeof globalThis.__ccOutcome !== 'string') globalThis.__ccOutcome = s; };
              const driver = require(globalThis.__ccDriver);
              driver.installGuards((message) => settle('E' + message));
              const heartbeat = setInterval(() => {}, 50);
              const supervised = driver.supervise(JSON.parse(globalThis.__ccSpec), settle);
              globalThis.__ccStop = () => supervised.stop();
              globalThis.__ccExited = () => {
                if (supervised.exited()) clearInterval(heartbeat);
                return supervised.exited();
              };
            })();
            """;

}
