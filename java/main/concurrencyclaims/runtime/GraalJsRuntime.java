package concurrencyclaims.runtime;

import com.sun.management.OperatingSystemMXBean;
import concurrencyclaims.runtime.js.GraalJsMode;
import concurrencyclaims.runtime.js.JsProject;
import concurrencyclaims.workloads.ProcMemory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * GraalJS through the GraalVM Polyglot API, in this JVM.
 *
 * <ul>
 *   <li>{@code contexts}: N Contexts on one shared Engine, each used by its own platform thread (started inside the
 *       timed part, like Java threads).</li>
 *   <li>{@code single-context}: one Context, the chunks as async functions under Promise.all (the driver's
 *       eventLoopChunks); microtasks drain at the end of the call.</li>
 * </ul>
 * Contexts are pooled across measurements (each with the workload and driver already loaded): the shared Engine keeps
 * compiled code, and a pooled context keeps its warmed-up inline caches, so the harness's warm-up rounds count and a
 * measurement times the parallel run, not context creation (~1 s). A context that timed out is cancelled and dropped.
 * The job parameter {@code context=fresh} makes {@code contexts} create its Contexts inside the timed part (on the
 * calling thread, one after another) and close them afterwards: what giving a new thread its own Context costs.
 * The mode (JIT or interpreter) is what the Engine reports; interpreter timings carry {@code graaljs_mode=interpreter}
 * in every Sample so nobody compares them with other runtimes as equal. Contexts get no host access: only
 * ProxyExecutable callbacks made by this adapter.
 */
public final class GraalJsRuntime extends JavaScriptRuntime {
    public static final String KIND = "graaljs";
    public static final List<String> MODELS = List.of("contexts", "single-context");

    private final JsProject js;
    private final String unavailable;
    private final Engine engine;
    private final boolean jit;
    private final Map<String, Object> description = new LinkedHashMap<>();
    /** Pooled contexts per workload, each with the workload and the driver loaded. */
    private final Map<String, Deque<Loaded>> pools = new java.util.HashMap<>();
    private final Map<String, Source> sources = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graaljs-watchdog");
        t.setDaemon(true);
        return t;
    });
    private Source driverSource;

    private GraalJsRuntime(Path projectRoot) {
        super(KIND, MODELS);
        this.js = new JsProject(projectRoot);
        String reason = js.missingReason();
        Engine e = null;
        boolean optimizing = false;
        if (reason == null) {
            try {
                driverSource = moduleSource(js.driver());
                e = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false")
                        .allowExperimentalOptions(true).option("engine.CompilerThreads", "1").build();
                optimizing = GraalJsMode.isOptimizing(e.getImplementationName());
                description.put("engine_implementation", e.getImplementationName());
                description.put("graalvm_version", e.getVersion());
                // The engine says "Development Build" for the jars from Maven Central; their manifest knows better.
                description.put("version", Optional.ofNullable(Engine.class.getPackage().getImplementationVersion())
                        .orElse(e.getVersion()) + (optimizing ? " (jit)" : " (interpreter)"));
            } catch (Throwable t) {
                reason = "GraalJS cannot start in this JVM: " + t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        this.engine = e;
        this.jit = optimizing;
        this.unavailable = reason;
        description.put("jit", optimizing);
        description.put("graaljs_mode", optimizing ? "jit" : "interpreter");
        description.put("jvmci_enabled", GraalJsMode.jvmciEnabled());
        description.put("jit_probe", GraalJsMode.probeResult());
        description.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        if (reason == null && !optimizing) {
            System.err.println("[WARNING] graaljs: running in the INTERPRETER (no optimizing Truffle runtime in this JVM; "
                    + "build-time probe: " + GraalJsMode.probeResult() + "); its timings are marked "
                    + "graaljs_mode=interpreter and must not be compared with JIT runtimes");
        }
    }

    /** The GraalJS runtime of this JVM (one; it reports why when GraalJS cannot start). */
    public static List<Runtime> discover(Path projectRoot) {
        return List.of(new GraalJsRuntime(projectRoot));
    }

    /** Wraps a CommonJS file so that evaluating it returns its module.exports (GraalJS has no require). */
    private static Source moduleSource(Path file) throws IOException {
        String code = "(function () { const module = { exports: {} }; (function (module, exports) {\n"
                + Files.readString(file) + "\n})(module, module.exports); return module.exports; })()";
        return Source.newBuilder("js", code, file.toString()).build();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public boolean runsInThisJvm(String model) {
        return true;
    }

    @Override
    public String sequentialModel() {
        return "single-context";
    }

    /** True when GraalJS runs with the optimizing runtime (JIT) in this JVM. */
    public boolean jit() {
        return jit;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", KIND);
        d.putAll(description);
        d.put("cpu_time", "CPU of the Java threads that run JavaScript; the whole JVM's (with the Graal compiler"
                + " threads) is in each sample's jvm_cpu_s");
        d.put("contexts", "pooled across measurements on one shared Engine (compiled code and warm-up are kept)");
        unavailableReason().ifPresent(r -> d.put("unavailable", r));
        return d;
    }

    /** One pooled context with a workload and the driver loaded: [its name, context, its exports, driver exports]. */
    private record Loaded(String name, Context context, Value workload, Value driver) {
    }

    private Loaded borrow(String workload) throws MeasurementException {
        synchronized (pools) {
            Loaded l = pools.computeIfAbsent(workload, w -> new ArrayDeque<>()).pollFirst();
            if (l != null) {
                return l;
            }
        }
        return create(workload);
    }

    /** A new Context on the shared Engine with {@code workload}'s file (js/workloads) and the driver loaded. */
    private Loaded create(String workload) throws MeasurementException {
        Source source = sources.get(workload);
        if (source == null) {
            try {
                source = moduleSource(js.workload(workload, KIND));
            } catch (IOException e) {
                throw new MeasurementException(KIND + ": cannot read js/workloads/" + workload + ".js: " + e.getMessage());
            }
            sources.put(workload, source);
        }
        Context c = Context.newBuilder("js").engine(engine).build();
        try {
            return new Loaded(workload, c, c.eval(source), c.eval(driverSource));
        } catch (RuntimeException e) {
            c.close(true);
            throw new MeasurementException(KIND + " cannot load js/workloads/" + workload + ".js (a bare Context has no"
                    + " require, Workers or timers): " + String.valueOf(e.getMessage()).replace("\n", " "), e);
        }
    }

    private void giveBack(Loaded l, boolean healthy) {
        if (healthy) {
            synchronized (pools) {
                pools.computeIfAbsent(l.name(), w -> new ArrayDeque<>()).addLast(l);
            }
        } else {
            try {
                l.context().close(true);
            } catch (RuntimeException ignored) {
                // Already cancelled.
            }
        }
    }

    /**
     * Whether the loaded workload declares {@code model} ({@code models: 'all'} or a list) and has what GraalJS needs
     * to run it: {@code units} for a workload of units, {@code spin} for the second-thread experiment.
     */
    private static String unsupported(Loaded l, String model) {
        Value models = l.workload().getMember("models");
        boolean declared = models != null && ((models.isString() && models.asString().equals("all"))
                || (models.hasArrayElements() && java.util.stream.LongStream.range(0, models.getArraySize())
                        .anyMatch(i -> models.getArrayElement(i).asString().equals(model))));
        if (!declared) {
            return l.name() + " does not declare the model " + model + " (its models: " + models + ")";
        }
        if (!l.workload().hasMember("units") && !l.workload().hasMember("spin")
                && !l.workload().hasMember("sleepBlocking")) {
            return l.name() + " exports neither units(from, to, iterations) nor spin(started, stop), which is all a"
                    + " bare GraalJS Context can run (no require, Workers or timers)";
        }
        return null;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        String what = KIND + " " + job.describe();
        if (unavailable != null) {
            throw new MeasurementException(KIND + " is unavailable: " + unavailable);
        }
        if (!MODELS.contains(job.model())) {
            throw new MeasurementException("model " + job.model() + " is not supported by " + KIND + " (models: "
                    + String.join(", ", MODELS) + ")");
        }
        Loaded probe = borrow(job.workload());
        String refusal = unsupported(probe, job.model());
        boolean spins = probe.workload().hasMember("spin");
        boolean waits = probe.workload().hasMember("sleepBlocking");
        giveBack(probe, true);
        if (refusal != null) {
            throw new MeasurementException(what + ": " + refusal);
        }
        if (spins) {
            return contextSingleThread(job, what);
        }
        if (waits) {
            return manyWaits(job, what);
        }
        JsProject.checkSplit(job);
        calls.incrementAndGet();
        return job.model().equals("contexts") ? contexts(job, what) : singleContext(job, what);
    }

    /**
     * Before the first measurement, runs integer_hash on one and on two contexts until Graal's compiler threads go
     * quiet (three calls in a row with less than {@value #STILL_COMPILING} of their time spent compiling), at most
     * {@value #WARM_UP_LIMIT_S} s. On a stock JDK the Graal compiler is itself Java code that C2 must first compile, so
     * for the first tens of seconds it keeps a core or two busy, which would slow whatever is measured beside it: the
     * Java control in the same rounds most of all.
     */
    @Override
    public void prepareForMeasuring() throws MeasurementException {
        synchronized (this) {
            if (warmedUp || !jit || unavailable != null) {
                return;
            }
            long started = System.nanoTime();
            WorkloadSize size = new WorkloadSize(WorkloadSize.DEFAULT_UNITS, 2_000_000);
            int quiet = 0;
            for (int call = 0; quiet < 3 && (System.nanoTime() - started) / 1e9 < WARM_UP_LIMIT_S; call++) {
                Job warm = new Job("integer_hash", call % 2 == 0 ? "single-context" : "contexts", 1 + call % 2, size,
                        java.time.Duration.ofSeconds((long) WARM_UP_LIMIT_S));
                if (warm.model().equals("contexts")) {
                    contexts(warm, KIND + " warm-up");
                } else {
                    singleContext(warm, KIND + " warm-up");
                }
                quiet = stillWarming() ? 0 : quiet + 1;
            }
            warmedUp = true;
        }
    }

    @Override
    public String preparation() {
        return warmedUp || !jit || unavailable != null ? null : "warming up GraalJS until Graal's compiler threads are"
                + " quiet, once per run (at most " + (long) WARM_UP_LIMIT_S + " s)";
    }

    private static final double WARM_UP_LIMIT_S = 45;
    private boolean warmedUp;

    private Sample contexts(Job job, String what) throws MeasurementException {
        int n = job.workers();
        String contextParameter = job.parameters().getOrDefault("context", "pooled");
        if (!List.of("pooled", "fresh").contains(contextParameter)) {
            throw new MeasurementException(what + ": unknown context '" + contextParameter + "' (known: pooled, fresh)");
        }
        boolean fresh = contextParameter.equals("fresh");
        List<Loaded> loaded = new ArrayList<>();
        long created0 = System.nanoTime();
        try {
            for (int w = 0; w < n; w++) {
                loaded.add(fresh ? create(job.workload()) : borrow(job.workload()));
            }
        } catch (RuntimeException | MeasurementException e) {
            loaded.forEach(l -> giveBack(l, !fresh));
            throw new MeasurementException(what + ": cannot create contexts: " + e.getMessage(), e);
        }
        double createSeconds = (System.nanoTime() - created0) / 1e9;
        long[] sums = new long[n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            timedOut.set(true);
            loaded.forEach(l -> l.context().close(true));
        }, job.timeout().toNanos(), TimeUnit.NANOSECONDS);
        double cpu0 = processCpu();
        long[] threadCpu = new long[n];
        long[] started = new long[n];
        long[] ended = new long[n];
        // Every thread is up before any starts its chunk, so the work span measures the work, not thread start-up.
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int worker = w;
            int[] range = job.size().chunk(w, n);
            Value units = loaded.get(w).workload().getMember("units");
            threads.add(Thread.ofPlatform().name("graaljs-context-" + w).start(() -> {
                try {
                    ready.countDown();
                    go.await();
                    try (TakingTurns turn = TakingTurns.take(job.parameters().get(Job.TURNS_LOCK))) {
                        started[worker] = System.nanoTime();
                        long start = THREADS.getCurrentThreadCpuTime();
                        try {
                            sums[worker] = units.execute(range[0], range[1], jsNumber(job.size().iterations()))
                                    .asLong();
                        } finally {
                            threadCpu[worker] = THREADS.getCurrentThreadCpuTime() - start;
                            ended[worker] = System.nanoTime();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        try {
            ready.await();
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            loaded.forEach(l -> l.context().close(true));
            Thread.currentThread().interrupt();
            throw new MeasurementException(what + " was interrupted");
        } finally {
            // Never leave a worker parked at the gate: interrupted, its closed context makes it fail and end.
            go.countDown();
            guard.cancel(false);
        }
        double wall = (System.nanoTime() - t0) / 1e9 + (fresh ? createSeconds : 0);
        double jvmCpu = processCpu() - cpu0;
        double cpu = java.util.Arrays.stream(threadCpu).sum() / 1e9;
        background(wall, jvmCpu, cpu);
        boolean ok = failure.get() == null && !timedOut.get();
        loaded.forEach(l -> giveBack(l, ok && !fresh));
        if (!ok) {
            throw failed(what, job, timedOut.get(), failure.get());
        }
        long checksum = 0;
        for (long s : sums) {
            checksum += s;
        }
        Map<String, Object> details = new java.util.HashMap<>(Sample.workDetails(started, ended, threadCpu));
        details.putAll(Map.of("contexts", n, "jvm_cpu_s", jvmCpu, "context", contextParameter,
                "context_create_s", createSeconds));
        return sample(wall, cpu, checksum, details);
    }

    private Sample singleContext(Job job, String what) throws MeasurementException {
        Loaded l;
        try {
            l = borrow(job.workload());
        } catch (RuntimeException e) {
            throw new MeasurementException(what + ": cannot create a context: " + e.getMessage(), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            timedOut.set(true);
            l.context().close(true);
        }, job.timeout().toNanos(), TimeUnit.NANOSECONDS);
        AtomicReference<Object> settled = new AtomicReference<>();
        ProxyExecutable onResult = args -> {
            settled.set(args[0].asLong());
            return null;
        };
        ProxyExecutable onError = args -> {
            settled.set(new MeasurementException(what + " failed: " + args[0]));
            return null;
        };
        Throwable failure = null;
        double cpu0 = processCpu();
        long threadCpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try {
            Value promise = l.driver().getMember("eventLoopChunks").execute(l.workload(), job.size().units(),
                    jsNumber(job.size().iterations()), job.workers());
            promise.invokeMember("then", onResult, onError); // the callbacks run as microtasks at the end of this call
        } catch (Throwable e) {
            failure = e;
        } finally {
            guard.cancel(false);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double jvmCpu = processCpu() - cpu0;
        double cpu = (THREADS.getCurrentThreadCpuTime() - threadCpu0) / 1e9;
        background(wall, jvmCpu, cpu);
        Object r = settled.get();
        boolean ok = failure == null && !timedOut.get() && r instanceof Long;
        giveBack(l, ok);
        if (failure != null || timedOut.get()) {
            throw failed(what, job, timedOut.get(), failure);
        }
        if (r instanceof MeasurementException e) {
            throw e;
        }
        if (r == null) {
            throw new MeasurementException(what + ": the promise did not settle at the end of the call");
        }
        return sample(wall, cpu, (Long) r, Map.of("tasks", job.workers(), "jvm_cpu_s", jvmCpu));
    }

    /**
     * Thread 1 runs the workload's {@code spin(started, stop)} in a Context of its own; thread 2 then tries to eval in
     * the same Context.
     */
    private Sample contextSingleThread(Job job, String what) throws MeasurementException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean attempted = new AtomicBoolean();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicReference<Throwable> firstFailed = new AtomicReference<>();
        long t0 = System.nanoTime();
        double cpu0 = processCpu();
        Loaded own = create(job.workload());
        try (Context c = own.context()) {
            Value spin = own.workload().getMember("spin");
            ProxyExecutable started = args -> {
                running.countDown();
                return null;
            };
            ProxyExecutable stop = args -> attempted.get() || System.nanoTime() - t0 > job.timeout().toNanos();
            Thread first = Thread.ofPlatform().name("graaljs-owner").start(() -> {
                try {
                    spin.execute(started, stop);
                } catch (Throwable e) {
                    firstFailed.set(e);
                }
            });
            try {
                if (!running.await(job.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new MeasurementException(what + ": the first thread never started its eval");
                }
                Thread second = Thread.ofPlatform().name("graaljs-intruder").start(() -> {
                    try {
                        c.eval("js", "1 + 1");
                    } catch (Throwable e) {
                        seen.set(e);
                    } finally {
                        attempted.set(true);
                    }
                });
                second.join();
                first.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeasurementException(what + " was interrupted");
            }
        }
        if (firstFailed.get() != null) {
            throw new MeasurementException(what + ": the first thread's eval failed: " + firstFailed.get());
        }
        Throwable e = seen.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("exception_type", e == null ? "none" : e.getClass().getName());
        details.put("exception_message", e == null ? "" : String.valueOf(e.getMessage()).replace("\n", " "));
        return sample((System.nanoTime() - t0) / 1e9, processCpu() - cpu0, 0, details);
    }

    /**
     * many_waits (issue 24) under {@code contexts}: N tasks, each a platform thread that creates its own Context (on
     * the shared Engine, the workload loaded) and signals ready, parks until the gate opens (a volatile flag; this
     * thread unparks each task in turn, so no waiter wakes the next), then does ONE wait, the workload's
     * sleepBlocking(ms, hostSleep), and closes its Context. A bare Context has no timers and its agent cannot block
     * (Atomics.wait throws "Unsupported operation" outside GraalJS's test modes), so the wait is {@link #HOST_SLEEP}.
     * Figures as the node driver's: startup_s (start to all ready), waits_s (gate to all joined), PSS / RSS of this
     * JVM before and while all are held (ProcTree, the JVM without its other children), per task. wait=tcp is
     * refused: a bare Context has no sockets. A thread or Context that cannot be made for lack of memory or threads
     * fails the sample with "limit: threads|memory: k of N tasks started: ..." after every task started has been
     * stopped and joined.
     */
    private Sample manyWaits(Job job, String what) throws MeasurementException {
        String wait = job.parameters().getOrDefault("wait", "sleep");
        if (!wait.equals("sleep")) {
            throw new MeasurementException(what + ": wait=" + wait + " cannot run on " + KIND
                    + ": a bare Context has no sockets (no require('net'), no host access), so only wait=sleep runs here");
        }
        if (!job.model().equals("contexts")) {
            throw new MeasurementException(what + ": many_waits runs on " + KIND + " under contexts only");
        }
        int n = job.workers();
        Object ms = jsNumber(job.size().iterations());
        concurrencyclaims.proc.ProcTree.Memory before = treeMemory(what);
        java.util.Queue<Thread> threads = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.Set<Context> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger failedTask = new java.util.concurrent.atomic.AtomicInteger(-1);
        AtomicBoolean open = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch ready = new CountDownLatch(n); // many count down, one waits: no chain
        Runnable stopAll = () -> {
            stop.set(true);
            live.forEach(c -> {
                try {
                    c.close(true);
                } catch (RuntimeException ignored) {
                    // closed already
                }
            });
            threads.forEach(java.util.concurrent.locks.LockSupport::unpark);
        };
        long limitNanos = job.timeout().toNanos() * 9 / 10;
        long deadline = System.nanoTime() + limitNanos;
        double cpu0 = processCpu();
        long t0 = System.nanoTime();
        long t1 = 0;
        long t2 = 0;
        concurrencyclaims.proc.ProcTree.Memory during = null;
        String limit = null;
        boolean ok = false;
        try {
            for (int k = 0; k < n && failure.get() == null; k++) {
                int task = k;
                Runnable body = () -> {
                    Loaded l = null;
                    try {
                        l = create(job.workload());
                        live.add(l.context());
                        if (stop.get()) {
                            return; // stopAll may have missed this context
                        }
                        Value sleep = l.workload().getMember("sleepBlocking");
                        ready.countDown();
                        while (!open.get() && !stop.get()) {
                            java.util.concurrent.locks.LockSupport.park(this);
                        }
                        if (!stop.get()) {
                            done.addAndGet(sleep.execute(ms, HOST_SLEEP).asLong());
                        }
                    } catch (Throwable e) {
                        if (failure.compareAndSet(null, e)) {
                            failedTask.set(task);
                        }
                    } finally {
                        if (l != null) {
                            live.remove(l.context());
                            giveBack(l, false);
                        }
                    }
                };
                try {
                    threads.add(Thread.ofPlatform().name("graaljs-many-waits-" + k).start(body));
                } catch (Throwable e) { // OutOfMemoryError: unable to create native thread
                    failure.compareAndSet(null, e);
                    failedTask.compareAndSet(-1, k);
                }
            }
            while (failure.get() == null && !ready.await(20, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    throw new MeasurementException(what + ": timed out: " + (n - ready.getCount()) + " of " + n
                            + " tasks ready within " + limitNanos / 1_000_000_000.0 + " s");
                }
            }
            if (failure.get() != null) {
                Throwable e = failure.get();
                String text = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace("\n", " ");
                String kind = e instanceof OutOfMemoryError && text.contains("native thread") ? "threads"
                        : e instanceof OutOfMemoryError || text.contains("OutOfMemoryError") ? "memory" : null;
                if (kind != null) {
                    limit = "limit: " + kind + ": " + failedTask.get() + " of " + n + " tasks started: " + text;
                }
                throw kind != null ? new MeasurementException(limit, e) : failed(what, job, false, e);
            }
            t1 = System.nanoTime();
            during = treeMemory(what);
            t2 = System.nanoTime();
            open.set(true);
            threads.forEach(java.util.concurrent.locks.LockSupport::unpark);
            for (Thread t : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    throw new MeasurementException(what + ": timed out: the waits did not end within "
                            + limitNanos / 1_000_000_000.0 + " s; their contexts were cancelled");
                }
            }
            if (failure.get() != null) {
                throw failed(what, job, false, failure.get());
            }
            ok = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException(what + " was interrupted");
        } finally {
            if (!ok) {
                stopAll.run();
                for (Thread t : threads) {
                    try {
                        t.join(Duration.ofSeconds(10));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        long t3 = System.nanoTime();
        double jvmCpu = processCpu() - cpu0;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tasks", (long) n);
        details.put("wait_ms", job.size().iterations());
        details.put("startup_s", (t1 - t0) / 1e9);
        details.put("waits_s", (t3 - t2) / 1e9);
        details.put("pss_kib_before", before.pssKiB());
        details.put("pss_kib_during", during.pssKiB());
        details.put("rss_kib_before", before.rssKiB());
        details.put("rss_kib_during", during.rssKiB());
        details.put("processes_during", (long) during.processes());
        details.put("pss_kib_per_task", (during.pssKiB() - before.pssKiB()) / (double) n);
        details.put("rss_kib_per_task", (during.rssKiB() - before.rssKiB()) / (double) n);
        details.put("jvm_cpu_s", jvmCpu);
        return sample((t3 - t0) / 1e9, jvmCpu, done.get(), details);
    }

    /** many_waits' wait in a Context: Thread.sleep(ms) on the task's thread, called from JavaScript. */
    private static final ProxyExecutable HOST_SLEEP = args -> {
        try {
            Thread.sleep(args[0].asLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in its wait");
        }
        return null;
    };

    /** PSS and RSS of this JVM (its other children, such as another runtime's interpreter, left out). */
    private static concurrencyclaims.proc.ProcTree.Memory treeMemory(String what) throws MeasurementException {
        try {
            return concurrencyclaims.proc.ProcTree.of(ProcessHandle.current().pid(), List.of());
        } catch (java.io.IOException | RuntimeException e) {
            throw new MeasurementException(what + ": cannot read /proc memory figures: " + e.getMessage());
        }
    }

    /**
     * A count as JavaScript should see it: an int where it fits. GraalJS keeps a number that arrives as a Java long
     * a long, and its compiled loops then run on long arithmetic, about 8 times slower here than on the int a JS
     * literal would be (shared/notes/graaljs.md).
     */
    static Object jsNumber(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    private MeasurementException failed(String what, Job job, boolean timedOut, Throwable e) {
        if (timedOut || (e instanceof PolyglotException p && p.isCancelled())) {
            return new MeasurementException(what + " did not finish within " + job.timeout().toMillis() / 1000.0
                    + " s; its contexts were cancelled");
        }
        return new MeasurementException(what + " failed: " + (e == null ? "unknown error"
                : e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace("\n", " ")), e);
    }

    private Sample sample(double wall, double cpu, long checksum, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put(Sample.OWN_CPU, cpu);
        details.put("runtime", KIND);
        details.put("graaljs_mode", jit ? "jit" : "interpreter");
        details.put("jit", jit);
        details.put("engine_implementation", description.get("engine_implementation"));
        details.put("graalvm_version", description.get("graalvm_version"));
        return new Sample(wall, cpu, checksum, ProcMemory.peakRssKiB(), details);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Graal compiles in the background for the first seconds: six calls warm it up (shared/notes/graaljs.md). The
     * Engine and the pooled contexts keep what they compiled, so only the first measurements of a run pay for it; a
     * claims run has paid already in {@link #prepareForMeasuring()}, and {@link #stillWarming()} covers the rest.
     */
    @Override
    public int minimumWarmups() {
        return warmedUp || calls.get() >= COLD_CALLS ? 0 : 5;
    }

    /**
     * Graal's compiler threads were busy for more than this share of the last call's time: the Engine is still
     * compiling, which would take cores from whatever is measured next (the Java control, the other contexts).
     */
    private static final double STILL_COMPILING = 0.15;
    private volatile double lastBackgroundShare = 1;

    @Override
    public boolean stillWarming() {
        return lastBackgroundShare > STILL_COMPILING;
    }

    /** Records how much of a call's time the JVM spent besides the JavaScript threads (compiling, collecting). */
    private void background(double wall, double jvmCpu, double jsCpu) {
        lastBackgroundShare = wall > 0 ? Math.max(0, jvmCpu - jsCpu) / wall : 0;
    }

    /** Calls after which the shared Engine counts as warm: the first claim's calibration and five warm-up rounds. */
    private static final int COLD_CALLS = 12;
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    private static double processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    @Override
    public void close() {
        synchronized (pools) {
            pools.values().forEach(pool -> pool.forEach(l -> l.context().close(true)));
            pools.clear();
        }
        watchdog.shutdownNow();
        if (engine != null) {
            engine.close(true);
        }
    }

    /** Used by tests: how long a context pool member takes to make, not part of any measurement. */
    Duration warm(int contexts) throws MeasurementException {
        long t0 = System.nanoTime();
        List<Loaded> l = new ArrayList<>();
        for (int i = 0; i < contexts; i++) {
            l.add(borrow("integer_hash"));
        }
        l.forEach(x -> giveBack(x, true));
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
