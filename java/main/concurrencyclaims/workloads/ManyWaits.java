package concurrencyclaims.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import concurrencyclaims.proc.ProcTree;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.InteractiveChild;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * N = {@code workers} tasks that all wait at once, one task per worker: a platform thread, a virtual thread, or a
 * child JVM. Each task (with {@code wait=tcp}: first opens its own connection to the run's echo server on
 * 127.0.0.1:{@code echo_port}) signals ready and holds on a gate; while all N are held, PSS and RSS of this JVM and
 * the tasks' processes are measured (as {@link IdleMemory} does) and compared with the same figures just before the
 * tasks were started. Then the gate opens and each task does one wait of {@code iterations} ms: a sleep, or (tcp) the
 * request {@code "<iterations> task-<k>"}, which the server echoes after that long, then closes its connection.
 *
 * <p>The gate wakes all at once, without a convoy: a thread parks until a volatile flag is set and main unparks each
 * one in a loop (a CountDownLatch would wake its waiters one after another, seconds for 10,000 threads); a child JVM
 * blocks reading its stdin until main closes it. A task says it is ready by counting itself in an atomic counter; the
 * last one notes the time and unparks main.
 *
 * <p>Details: {@code tasks}, {@code wait_ms}, {@code startup_s} (start of the first task until all are ready),
 * {@code waits_s} (gate open until every task has ended and been joined), {@code pss_kib_before}/{@code _during},
 * {@code rss_kib_before}/{@code _during}, {@code processes_during}, {@code pss_kib_per_task}, {@code rss_kib_per_task}.
 * Checksum = the tasks whose wait completed correctly (a sleep, an echo equal to its request) = N.
 *
 * <p>Where starting task k fails on a resource limit (a thread the JVM cannot create, a socket beyond the open-file
 * limit, a child JVM the OS cannot fork or find memory for), every task started so far is released and ended, and the
 * sample fails with {@code "limit: <kind>: <k> of <N> tasks started: <the error>"}, kind one of {@code threads},
 * {@code processes}, {@code file descriptors}, {@code memory}. A JVM cannot raise its own soft limits, so there is no
 * {@code limit_raised}.
 */
public final class ManyWaits implements JavaWorkload {
    public static final String NAME = "many_waits";
    public static final String WAIT = "wait";
    public static final String SLEEP = "sleep";
    public static final String TCP = "tcp";
    /**
     * Test-only parameter: starting task {@code k} (0-based) fails as if on a limit, with the error the JVM gives
     * (an OutOfMemoryError "unable to create native thread" for a thread, error=11 EAGAIN for a child JVM), so that the
     * release of everything started before it can be checked. Never set by a claim.
     */
    public static final String SIMULATE_LIMIT_AT = "simulate_limit_at";
    /** Test-only parameter: {@code jvm=this} runs a thread model in the harness's JVM instead of a fresh one. */
    public static final String JVM = "jvm";
    public static final String THIS_JVM = "this";
    private static final String FRESH = "fresh";
    /** The name of every task thread (a thread dump counts them). */
    public static final String TASK_THREAD = NAME + "-task";
    /**
     * What a child JVM is taken to cost the machine's available memory, generously: measured here, 19 to 23 MiB of
     * PSS each once up (45 MiB RSS, the JDK's shared pages counted in full).
     */
    public static final long CHILD_JVM_MIB = 32;
    /** The memory never given to child JVMs: this share of MemTotal, at least {@link #MIN_RESERVE_MIB}. */
    static final double RESERVE_SHARE = 0.10;
    static final long MIN_RESERVE_MIB = 1024;
    /** How long the tasks still running get to end once a sample has failed: they are unparked, interrupted, closed. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> models() {
        return List.of(PLATFORM_THREADS, VIRTUAL_THREADS, CHILD_PROCESSES);
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(WAIT, "sleep (default) or tcp: what each task's one wait of iterations ms is",
                TcpEcho.PORT, "port of the run's echo server on 127.0.0.1 (the harness gives it; wait=tcp needs it)");
    }

    /**
     * A sample on threads runs in a JVM started for it ({@link #inFreshJvm}), as cold as the one before: a warm-up
     * round would warm nothing, and at 10,000 platform threads it is the costliest sample of a run. Child JVMs are
     * started by code of this JVM, which does warm.
     */
    @Override
    public boolean warmsUpAcrossSamples(Job job) {
        return CHILD_PROCESSES.equals(job.model()) || inThisJvm(job);
    }

    /** Whether a thread model's sample runs in this JVM: only for tests (jvm=this, a simulated limit). */
    private static boolean inThisJvm(Job job) {
        return THIS_JVM.equals(job.parameters().get(JVM)) || job.parameters().containsKey(SIMULATE_LIMIT_AT);
    }

    /** Every task's wait counts one: the checksum is the number of tasks. */
    @Override
    public long referenceChecksum(Job job) {
        return job.workers();
    }

    /**
     * {@code <wait_ms> <task> [port]}: a child JVM's task; it connects first with a port, then waits for release. Or
     * {@code threads <model> <tasks> <wait_ms> <timeout_s> [port]}: a whole sample of a thread model in a fresh JVM
     * ({@link #inFreshJvm}), answered with one JSON line.
     */
    @Override
    public void childMain(List<String> args) throws IOException, InterruptedException {
        if (!args.isEmpty() && args.getFirst().equals(FRESH)) {
            threadsInThisFreshJvm(args.subList(1, args.size()));
            return;
        }
        if (args.size() != 2 && args.size() != 3) {
            throw new IllegalArgumentException(NAME + " needs <wait_ms> <task> [echo_port]");
        }
        long waitMs = Long.parseLong(args.get(0));
        int task = Integer.parseInt(args.get(1));
        Socket socket = args.size() == 3 ? connect(Integer.parseInt(args.get(2)), waitMs) : null;
        try {
            WorkloadMain.awaitRelease();
            boolean correct = socket == null ? sleep(waitMs) : echo(socket, waitMs, task);
            System.out.println(String.format(Locale.ROOT, "{\"checksum\": %d, \"cpu_s\": %.6f}", correct ? 1 : 0,
                    WorkloadMain.cpuSeconds()));
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (!ProcTree.available()) {
            throw new MeasurementException(NAME + " needs Linux /proc");
        }
        String wait = job.parameters().getOrDefault(WAIT, SLEEP);
        if (!List.of(SLEEP, TCP).contains(wait)) {
            throw new MeasurementException(NAME + ": unknown wait '" + wait + "' (known: sleep, tcp)");
        }
        int port = -1;
        if (TCP.equals(wait)) {
            String given = job.parameter(TcpEcho.PORT);
            try {
                port = Integer.parseInt(given);
            } catch (NumberFormatException e) {
                throw new MeasurementException(NAME + ": the parameter " + TcpEcho.PORT + " is not a port number: '"
                        + given + "'");
            }
        }
        int simulateAt;
        try {
            simulateAt = Integer.parseInt(job.parameters().getOrDefault(SIMULATE_LIMIT_AT, "-1"));
        } catch (NumberFormatException e) {
            throw new MeasurementException(NAME + ": " + SIMULATE_LIMIT_AT + " is not a task number");
        }
        if (CHILD_PROCESSES.equals(job.model())) {
            return children(job, port, simulateAt);
        }
        return inThisJvm(job) ? threads(job, port, simulateAt, Stopwatch.start()) : inFreshJvm(job, port);
    }

    /**
     * The threads of one sample run in a JVM started for it, as a program of their own would: in the harness's JVM
     * the heap is already grown and touched, so thousands of virtual threads' stacks land on resident pages and its
     * PSS hardly moves, and what earlier samples left (a collector's state, parked threads being reclaimed) would
     * enter the next one. The JVM's start is not timed: the figures are the child's own, as in this JVM.
     */
    private static Sample inFreshJvm(Job job, int port) throws MeasurementException {
        List<String> args = new ArrayList<>(List.of(NAME, FRESH, job.model(), Integer.toString(job.workers()),
                Long.toString(job.size().iterations()), Long.toString(job.timeout().toSeconds())));
        if (port > 0) {
            args.add(Integer.toString(port));
        }
        String what = "the fresh JVM of " + NAME + " · " + job.model() + " · " + job.workers() + " tasks";
        ChildProcess.Result result = ChildProcess.of(what, ChildJvm.command(args.toArray(String[]::new)))
                .timeout(job.timeout().plus(CLOSE_GRACE)).run();
        JsonNode answer = ChildProcess.lastJsonLine(result.stdout(), what);
        Map<String, Object> details = new LinkedHashMap<>();
        answer.path("details").properties().forEach(e -> details.put(e.getKey(), e.getValue().numberValue()));
        details.put(Sample.FRESH_PROCESS, true);
        return new Sample(answer.path("wall_s").asDouble(), answer.path("cpu_s").asDouble(),
                answer.path("checksum").asLong(), -1, details);
    }

    private static void threadsInThisFreshJvm(List<String> args) throws InterruptedException {
        if (args.size() != 4 && args.size() != 5) {
            throw new IllegalArgumentException(NAME + " " + FRESH + " needs <model> <tasks> <wait_ms> <timeout_s>"
                    + " [echo_port]");
        }
        int tasks = Integer.parseInt(args.get(1));
        Job job = new Job(NAME, args.get(0), tasks, new WorkloadSize(tasks, Long.parseLong(args.get(2))),
                Duration.ofSeconds(Long.parseLong(args.get(3))), args.size() == 5
                ? Map.of(WAIT, TCP, TcpEcho.PORT, args.get(4)) : Map.of(WAIT, SLEEP));
        Sample sample;
        try {
            sample = threads(job, args.size() == 5 ? Integer.parseInt(args.get(4)) : -1, -1, Stopwatch.wallOnly());
        } catch (MeasurementException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"checksum\": %d, \"wall_s\": %.6f, \"cpu_s\": %.6f, \"details\": {", sample.checksum(),
                sample.wallSeconds(), WorkloadMain.cpuSeconds()));
        String comma = "";
        for (Map.Entry<String, Object> e : sample.details().entrySet()) {
            if (e.getValue() instanceof Number number) {
                json.append(comma).append('"').append(e.getKey()).append("\": ").append(number);
                comma = ", ";
            }
        }
        System.out.println(json.append("}}"));
    }

    // ---- threads -------------------------------------------------------------------------------------------------

    /** A task that failed: which, how many tasks were ready then, and whether before it was ready (starting). */
    private record Failure(int task, int readyThen, boolean starting, Throwable error) {
    }

    /**
     * Loads what a task and main need once a task has failed before any task starts: with every file descriptor
     * taken, a class can no longer be loaded (its jar or file cannot be opened), and the failure could not be told.
     */
    private static final Failure LOADED = new Failure(-1, 0, true, new MeasurementException("preloaded"));

    /** The N tasks of one sample on threads, and everything they share. */
    private static final class Tasks {
        final int n;
        final long waitMs;
        final InetSocketAddress server;
        final Thread main = Thread.currentThread();
        final Thread[] threads;
        final AtomicReferenceArray<Socket> sockets;
        final AtomicInteger ready = new AtomicInteger();
        final AtomicInteger correct = new AtomicInteger();
        /** Tasks that ended before they were ready, failed or not: main stops waiting for them. */
        final AtomicInteger unready = new AtomicInteger();
        final AtomicReference<Failure> failure = new AtomicReference<>();
        volatile long allReadyAt;
        volatile boolean open;
        volatile boolean cancelled;
        int started;
        boolean stopped;

        Tasks(int n, long waitMs, int port) {
            this.n = n;
            this.waitMs = waitMs;
            this.server = port < 0 ? null : new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            this.threads = new Thread[n];
            this.sockets = new AtomicReferenceArray<>(n);
        }

        /**
         * A task whose wait is a sleep: ready at once, held, one sleep, its gate in this one method as in the bare
         * program. A virtual thread parks in the frames it had, interpreted ones too if it started before the JIT
         * had compiled their methods, and interpreted frames are slower to unmount and mount again; the fewer
         * methods a held task is in, the sooner they are all compiled.
         */
        void sleeping(int k) {
            try {
                arrive();
                while (!open) {
                    if (cancelled) {
                        return;
                    }
                    LockSupport.park(this);
                }
                Thread.sleep(waitMs);
                correct.incrementAndGet();
            } catch (Throwable t) {
                fail(new Failure(k, ready.get(), false, t));
            }
        }

        /** A task that first connects to the echo server (ready once connected), is held, then has its echo. */
        void connecting(int k) {
            Socket socket = null;
            boolean wasReady = false;
            try {
                try {
                    socket = new Socket();
                    sockets.set(k, socket);
                    if (cancelled) {
                        return;
                    }
                    connect(socket, server, waitMs);
                } catch (Throwable t) {
                    fail(new Failure(k, ready.get(), true, t));
                    return;
                }
                wasReady = true;
                arrive();
                if (held() && echo(socket, waitMs, k)) {
                    correct.incrementAndGet();
                }
            } catch (Throwable t) {
                fail(new Failure(k, ready.get(), false, t));
            } finally {
                close(socket);
                if (!wasReady) {
                    unready.incrementAndGet();
                    LockSupport.unpark(main);
                }
            }
        }

        /** Counts this task ready; the last one notes the time and wakes main. */
        private void arrive() {
            if (ready.incrementAndGet() == n) {
                allReadyAt = System.nanoTime();
                LockSupport.unpark(main);
            }
        }

        /** Parks until the gate opens (true) or the sample is cancelled (false). */
        private boolean held() {
            while (!open) {
                if (cancelled) {
                    return false;
                }
                LockSupport.park(this);
            }
            return true;
        }

        private void fail(Failure f) {
            if (failure.compareAndSet(null, f)) {
                LockSupport.unpark(main);
            }
        }

        /** Ends every task started: unparked, interrupted, its socket closed, joined within the grace period. */
        int stop() {
            if (stopped) {
                return 0;
            }
            stopped = true;
            cancelled = true;
            for (int k = 0; k < started; k++) {
                LockSupport.unpark(threads[k]);
                Socket socket = sockets.get(k);
                close(socket);
                threads[k].interrupt();
            }
            long until = System.nanoTime() + CLOSE_GRACE.toNanos();
            boolean interrupted = false;
            int alive = 0;
            for (int k = 0; k < started; k++) {
                try {
                    if (!threads[k].join(Duration.ofNanos(Math.max(1, until - System.nanoTime())))) {
                        alive++;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    alive += threads[k].isAlive() ? 1 : 0;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return alive;
        }
    }

    /**
     * One sample on threads, timed by {@code watch}. Every task thread has the same name, {@link #TASK_THREAD}:
     * numbered names cost a string each while the tasks start, and 10,000 virtual threads' waits were measurably
     * longer than a bare program's.
     */
    private static Sample threads(Job job, int port, int simulateAt, Stopwatch watch) throws MeasurementException {
        int n = job.workers();
        Tasks tasks = new Tasks(n, job.size().iterations(), port);
        boolean virtual = Workers.virtual(job);
        Thread.Builder builder = virtual ? Thread.ofVirtual().name(TASK_THREAD)
                : Thread.ofPlatform().name(TASK_THREAD).daemon();
        ProcTree.Memory before = measure(List.of());
        try {
            long t0 = System.nanoTime();
            long deadline = t0 + job.timeout().toNanos();
            for (int k = 0; k < n && tasks.failure.get() == null; k++) {
                int task = k;
                try {
                    if (k == simulateAt) {
                        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or"
                                + " process/resource limits reached (simulated at task " + k + ")");
                    }
                    tasks.threads[k] = builder.start(port < 0 ? () -> tasks.sleeping(task)
                            : () -> tasks.connecting(task));
                    tasks.started = k + 1;
                } catch (OutOfMemoryError e) {
                    tasks.stop();  // first: the error's message may need memory, a thread, a class to load
                    throw limit(job, kind(e), k, e);
                }
            }
            while (tasks.ready.get() < n) {
                Failure f = tasks.failure.get();
                if (f != null) {
                    tasks.stop();  // first: with the open-file limit reached, not even a class can be loaded
                    throw failed(job, f);
                }
                if (tasks.unready.get() > 0) {
                    tasks.stop();
                    throw new MeasurementException("Java " + job.describe() + ": " + tasks.unready.get()
                            + " tasks ended before they were ready, without saying why");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    tasks.stop();
                    throw new MeasurementException("Java " + job.describe() + ": timed out: only " + tasks.ready.get()
                            + " of " + n + " tasks were ready within " + job.timeout().toSeconds() + " s");
                }
                LockSupport.parkNanos(tasks, left);
            }
            long t1 = tasks.allReadyAt;
            ProcTree.Memory during = measure(List.of());
            long t2 = System.nanoTime();
            tasks.open = true;
            for (Thread thread : tasks.threads) {
                LockSupport.unpark(thread);
            }
            for (Thread thread : tasks.threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new MeasurementException("Java " + job.describe() + ": timed out: the tasks' waits did not"
                            + " all end within " + job.timeout().toSeconds() + " s");
                }
            }
            long t3 = System.nanoTime();
            Failure f = tasks.failure.get();
            if (f != null) {
                throw failed(job, f);
            }
            return watch.sample(tasks.correct.get(), details(job, t1 - t0, t3 - t2, before, during));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("Java " + job.describe() + " was interrupted");
        } finally {
            tasks.stop();  // nothing is left running, whatever happened (after a sample, all are joined already)
        }
    }

    /** The error of a task that failed: a limit reached while starting it, or an ordinary failure. */
    private static MeasurementException failed(Job job, Failure f) {
        String kind = f.starting() ? kind(f.error()) : null;
        if (kind != null) {
            return limit(job, kind, f.readyThen(), f.error());
        }
        return new MeasurementException("Java " + job.describe() + ": task " + f.task() + " failed"
                + (f.starting() ? " to start: " : ": ") + Workers.describe(f.error()), f.error());
    }

    // ---- child JVMs ----------------------------------------------------------------------------------------------

    private static Sample children(Job job, int port, int simulateAt) throws MeasurementException {
        int n = job.workers();
        long waitMs = job.size().iterations();
        long start = System.nanoTime();
        ProcTree.Memory before = measure(List.of());
        List<InteractiveChild> children = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            Meminfo atStart = Meminfo.read();
            for (int k = 0; k < n; k++) {
                String memory = atStart == null ? null : atStart.refusal(k, Meminfo.read());
                if (memory != null) {
                    throw limit(job, "memory", k, memory);
                }
                List<String> args = new ArrayList<>(List.of(NAME, Long.toString(waitMs), Integer.toString(k)));
                if (port >= 0) {
                    args.add(Integer.toString(port));
                }
                String what = Chunked.childName(job, k);
                try {
                    if (k == simulateAt) {
                        throw new MeasurementException(what + ": cannot start 'java': Cannot run program \"java\":"
                                + " error=11, Resource temporarily unavailable (simulated at task " + k + ")");
                    }
                    children.add(InteractiveChild.start(what, ChildJvm.command(args.toArray(String[]::new)),
                            job.timeout()));
                } catch (MeasurementException e) {
                    throw limitOr(job, k, e);
                }
            }
            for (int k = 0; k < n; k++) {
                try {
                    children.get(k).expectLine(WorkloadMain.READY);
                } catch (MeasurementException e) {
                    throw limitOr(job, k, e);
                }
            }
            long t1 = System.nanoTime();
            ProcTree.Memory during = measure(children.stream().map(InteractiveChild::pid).toList());
            long t2 = System.nanoTime();
            children.forEach(InteractiveChild::release);
            long checksum = 0;
            double cpu = 0;
            for (InteractiveChild child : children) {
                JsonNode report = child.finish();
                checksum += report.path("checksum").asLong();
                cpu += report.path("cpu_s").asDouble();
            }
            long t3 = System.nanoTime();
            return new Sample((t3 - start) / 1e9, cpu, checksum, during.rssKiB(),
                    details(job, t1 - t0, t3 - t2, before, during));
        } finally {
            children.forEach(InteractiveChild::close);
        }
    }

    /**
     * MemAvailable and MemTotal from /proc/meminfo, in MiB. Linux does not refuse to start a JVM it has no memory for
     * (it overcommits); its OOM killer ends some large process later, maybe the harness's own JVM or another's. So
     * child JVMs stop while starting one more could take the available memory below a reserve.
     */
    public record Meminfo(long availableMiB, long totalMiB) {
        static Meminfo read() {
            long available = -1;
            long total = -1;
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemAvailable:")) {
                        available = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    } else if (line.startsWith("MemTotal:")) {
                        total = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return available < 0 || total < 0 ? null : new Meminfo(available, total);
        }

        public long reserveMiB() {
            return Math.max(MIN_RESERVE_MIB, Math.round(totalMiB * RESERVE_SHARE));
        }

        /**
         * Why child JVM {@code k} (0-based) must not start, or null: the memory available when the sample started,
         * less {@link #CHILD_JVM_MIB} for each of the k + 1 (the first k may not be up yet), or the memory available
         * now less one more, would fall below the reserve.
         */
        public String refusal(int k, Meminfo now) {
            long afterAll = availableMiB - (k + 1) * CHILD_JVM_MIB;
            long afterOne = now == null ? afterAll : now.availableMiB - CHILD_JVM_MIB;
            if (Math.min(afterAll, afterOne) >= reserveMiB()) {
                return null;
            }
            return "MemAvailable " + (now == null ? availableMiB : now.availableMiB) + " MiB (" + availableMiB
                    + " MiB at the start) would fall below the " + reserveMiB() + " MiB kept free (" + Math.round(
                    RESERVE_SHARE * 100) + "% of MemTotal " + totalMiB + " MiB, at least " + MIN_RESERVE_MIB
                    + " MiB) with child JVM " + (k + 1) + " at " + CHILD_JVM_MIB + " MiB each; Linux would start it"
                    + " and its OOM killer end some process later";
        }
    }

    /** A child JVM that could not be started, or died before it was ready, on a limit; else the error as it is. */
    private static MeasurementException limitOr(Job job, int started, MeasurementException e) {
        String kind = kind(e.getMessage());
        return kind == null ? e : limit(job, kind, started, e.getMessage());
    }

    // ---- limits --------------------------------------------------------------------------------------------------

    private static MeasurementException limit(Job job, String kind, int started, Throwable error) {
        return new MeasurementException(limitMessage(kind, started, job.workers(), Workers.describe(error)), error);
    }

    private static MeasurementException limit(Job job, String kind, int started, String error) {
        return new MeasurementException(limitMessage(kind, started, job.workers(), error));
    }

    static String limitMessage(String kind, int started, int tasks, String error) {
        return "limit: " + kind + ": " + started + " of " + tasks + " tasks started: " + error;
    }

    /** Which limit {@code error} says was reached, or null when it is not a limit. */
    static String kind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String kind = kind(t.getMessage());
            if (kind != null) {
                return kind;
            }
            if (t instanceof OutOfMemoryError) {
                return "memory";
            }
        }
        return null;
    }

    /**
     * Which limit an error's text names: a thread the JVM cannot create (its OutOfMemoryError, also in a child JVM's
     * stderr), too many open files (EMFILE, ENFILE; error=24 or 23 from a process start), a process the OS cannot fork
     * (error=11, EAGAIN), memory (error=12, ENOMEM, a JVM without room for its heap); null for anything else.
     */
    static String kind(String text) {
        if (text == null) {
            return null;
        }
        if (text.contains("unable to create native thread") || text.contains("unable to create new native thread")) {
            return "threads";
        }
        if (text.contains("Too many open files") || text.contains("error=24,") || text.contains("error=23,")) {
            return "file descriptors";
        }
        if (text.contains("error=11,")) {
            return "processes";
        }
        if (text.contains("error=12,") || text.contains("Cannot allocate memory")
                || text.contains("insufficient memory for the Java Runtime") || text.contains("Java heap space")
                || text.contains("Could not reserve enough space")) {
            return "memory";
        }
        return null;
    }

    // ---- one task's wait -----------------------------------------------------------------------------------------

    private static boolean sleep(long waitMs) throws InterruptedException {
        Thread.sleep(waitMs);
        return true;
    }

    private static Socket connect(int port, long waitMs) throws IOException {
        Socket socket = new Socket();
        try {
            connect(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), waitMs);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void connect(Socket socket, InetSocketAddress server, long waitMs) throws IOException {
        try {
            socket.connect(server, TcpEcho.SOCKET_TIMEOUT_MS);
        } catch (IOException e) {
            // "Too many open files" stays in the message, where the limit is recognised.
            throw new IOException("cannot connect to the echo server at " + server + ": " + e.getMessage(), e);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, TcpEcho.SOCKET_TIMEOUT_MS + waitMs));
        socket.setTcpNoDelay(true);
    }

    /** Sends {@code "<waitMs> task-<task>"} and reads the echo, byte by byte into a small buffer; closes nothing. */
    private static boolean echo(Socket socket, long waitMs, int task) throws IOException {
        String request = waitMs + " task-" + task;
        OutputStream out = socket.getOutputStream();
        out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream echo = new ByteArrayOutputStream(request.length() + 1);
        byte[] buffer = new byte[request.length() + 1];
        while (true) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("the echo server closed the connection of task " + task + " before echoing");
            }
            int end = indexOf(buffer, read, (byte) '\n');
            echo.write(buffer, 0, end < 0 ? read : end);
            if (end >= 0) {
                return echo.toString(StandardCharsets.UTF_8).equals(request);
            }
        }
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all we wanted.
            }
        }
    }

    // ---- figures -------------------------------------------------------------------------------------------------

    private static Map<String, Object> details(Job job, long startupNs, long waitsNs, ProcTree.Memory before,
                                               ProcTree.Memory during) {
        int n = job.workers();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tasks", n);
        details.put("wait_ms", job.size().iterations());
        details.put("startup_s", startupNs / 1e9);
        details.put("waits_s", waitsNs / 1e9);
        details.put("pss_kib_before", before.pssKiB());
        details.put("pss_kib_during", during.pssKiB());
        details.put("rss_kib_before", before.rssKiB());
        details.put("rss_kib_during", during.rssKiB());
        details.put("processes_during", during.processes());
        details.put("pss_kib_per_task", (during.pssKiB() - before.pssKiB()) / (double) n);
        details.put("rss_kib_per_task", (during.rssKiB() - before.rssKiB()) / (double) n);
        return details;
    }

    private static ProcTree.Memory measure(List<Long> workerProcesses) throws MeasurementException {
        try {
            return ProcTree.of(ProcessHandle.current().pid(), workerProcesses);
        } catch (IOException | RuntimeException e) {
            throw new MeasurementException(NAME + ": cannot read /proc memory figures: " + e.getMessage());
        }
    }
}
