package concurrencyclaims.proc;

import concurrencyclaims.measure.CpuMeter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the kernel saw a process tree do while it ran one call, sampled from outside through /proc every
 * {@link #INTERVAL_MS} ms: each task's (thread's) time on a CPU ({@code /proc/<pid>/task/<tid>/schedstat}, in ns), the
 * whole tree's CPU with what it reaped ({@code stat}), and, where asked, whether the main thread sat in its event
 * loop's poll ({@code syscall}). Nothing the processes do to themselves (patched clocks, forged output, files they
 * write) enters it, which is why a lab grades from it.
 *
 * <p>A task that lives less than one interval may be missed, and one that ends loses at most its last interval;
 * for work of a tenth of a second and more that is a few per cent at worst.
 */
public final class TaskSampler {
    static final int INTERVAL_MS = 20;
    /** How long a window of {@link Observation#overlap} is. */
    static final long OVERLAP_WINDOW_NS = 50_000_000;
    /** epoll_wait, epoll_pwait and epoll_pwait2 on x86-64: where an idle libuv loop waits. */
    private static final Set<String> POLL_SYSCALLS = Set.of("232", "281", "441");

    private final long root;
    private final long mainPid;
    private final boolean watchLoop;
    private final long startedNs;
    private final double treeCpuBefore;
    private final Map<Long, Long> firstSeen = new HashMap<>();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Map<Long, Long> processOf = new HashMap<>();
    private final Map<Long, Long> lastWanted = new HashMap<>();
    private final Map<Long, Long> parentOf = new HashMap<>();
    private final List<Tick> ticks = new ArrayList<>();
    private long lastTickNs;
    private long awaySinceNs = -1;
    private long longestAwayNs;
    private volatile boolean stopping;
    private final Thread thread;

    /**
     * One interval: how long it was, which tasks ran how long in it, and which wanted a CPU how long (ran, or waited
     * for one on a run queue: on a loaded machine a task that wants to run does not always get to).
     */
    public record Tick(long lengthNs, Map<Long, Long> ranNs, Map<Long, Long> wantedNs, Set<Long> runnable) {
    }

    private TaskSampler(long root, boolean watchLoop) {
        this.root = root;
        this.mainPid = mainProcess(root);
        this.watchLoop = watchLoop;
        this.treeCpuBefore = treeCpuSeconds(root);
        this.startedNs = System.nanoTime();
        this.lastTickNs = startedNs;
        sample();
        this.thread = Thread.ofPlatform().daemon().name("task sampler of " + root).start(this::run);
    }

    /**
     * Starts sampling the tree under {@code root} (a child the harness started, a sandbox's bubblewrap or the
     * interpreter itself); {@code watchLoop} also times the main thread's absences from its event loop's poll.
     */
    public static TaskSampler start(long root, boolean watchLoop) {
        return new TaskSampler(root, watchLoop);
    }

    /** Stops sampling, takes a last sample and returns what was seen. */
    public Observation stop() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        long now = System.nanoTime();
        if (awaySinceNs >= 0) {
            longestAwayNs = Math.max(longestAwayNs, now - awaySinceNs);
        }
        Map<Long, Long> ran = new LinkedHashMap<>();
        lastSeen.forEach((tid, last) -> ran.put(tid, last - firstSeen.get(tid)));
        return new Observation((now - startedNs) / 1e9, treeCpuSeconds(root) - treeCpuBefore, mainPid,
                Map.copyOf(processOf), Map.copyOf(parentOf), ran, List.copyOf(ticks),
                watchLoop ? longestAwayNs / 1e9 : Double.NaN);
    }

    private void run() {
        while (!stopping) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        Map<Long, Long> ran = new HashMap<>();
        Map<Long, Long> wanted = new HashMap<>();
        Set<Long> runnable = new java.util.HashSet<>();
        for (long pid : ProcTree.tree(root)) {
            parentOf.computeIfAbsent(pid, TaskSampler::parent);
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks) {
                    long tid = Long.parseLong(task.getFileName().toString());
                    long[] schedstat = schedstat(task);
                    if (schedstat == null) {
                        continue;
                    }
                    long onCpu = schedstat[0];
                    long wants = schedstat[0] + schedstat[1];
                    processOf.putIfAbsent(tid, pid);
                    // A task that appeared since sampling began started during the call: all its time is the call's.
                    firstSeen.putIfAbsent(tid, ticks.isEmpty() ? onCpu : 0L);
                    lastSeen.putIfAbsent(tid, 0L);
                    lastWanted.putIfAbsent(tid, 0L);
                    if (isRunnable(task)) {
                        runnable.add(tid);
                    }
                    long wantedBefore = lastWanted.put(tid, wants);
                    if (wants > wantedBefore && !ticks.isEmpty()) {
                        wanted.put(tid, wants - wantedBefore);
                    }
                    long before = lastSeen.put(tid, onCpu);
                    if (onCpu > before && !ticks.isEmpty()) {
                        ran.put(tid, onCpu - before);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process ended while we looked: its last sample stands.
            }
        }
        if (watchLoop) {
            watchMainThread(now);
        }
        ticks.add(new Tick(now - lastTickNs, ran, wanted, runnable));
        lastTickNs = now;
    }

    /** Whether the main thread is away from its poll: running, runnable, or blocked anywhere else (a futex, say). */
    private void watchMainThread(long now) {
        String syscall;
        try {
            syscall = Files.readString(Path.of("/proc", Long.toString(mainPid), "task", Long.toString(mainPid), "syscall"));
        } catch (IOException e) {
            return;
        }
        boolean polling = POLL_SYSCALLS.contains(syscall.split(" ", 2)[0].strip());
        if (!polling && awaySinceNs < 0) {
            awaySinceNs = lastTickNs;  // it left the poll some time in the last interval: count the whole interval
        } else if (polling && awaySinceNs >= 0) {
            longestAwayNs = Math.max(longestAwayNs, now - awaySinceNs);
            awaySinceNs = -1;
        }
    }

    /** The parent of process {@code pid} (field 4 of its stat), or 0 when it ended. */
    private static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3)[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Whether the task is on a CPU or waiting for one right now (state R), not asleep or blocked. */
    private static boolean isRunnable(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'R';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {time on a CPU, time waiting on a run queue} of a task, in ns; null when it ended. */
    /**
     * {time on a CPU, time waiting for one} of a task (/proc/<pid>/task/<tid>), in ns, from its schedstat; null when
     * the task has ended or the file is unreadable.
     */
    public static long[] schedstat(Path task) {
        try {
            String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first process of the tree that is not the sandbox's own (bubblewrap): the one running the driver. */
    private static long mainProcess(long root) {
        for (long pid : ProcTree.tree(root)) {
            try {
                if (!Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("bwrap")) {
                    return pid;
                }
            } catch (IOException e) {
                // Ended while we looked.
            }
        }
        return root;
    }

    /**
     * User + system CPU of every process of the tree under {@code root} with the children each has reaped: a process
     * that ended during the call is counted by whoever reaped it (in a PID namespace, its init, which is in the tree).
     * Read it before the tree exits: bubblewrap's outer process does not reap the namespace's init, so what the tree
     * spent never reaches this JVM's reaped children.
     */
    public static double treeCpuSeconds(long root) {
        double sum = 0;
        for (long pid : ProcTree.tree(root)) {
            try {
                sum += CpuMeter.processCpuSeconds(pid);
            } catch (IOException e) {
                // Ended while we looked: its reaper has its time.
            }
        }
        return sum;
    }

    /**
     * What the sampler saw.
     *
     * @param wallSeconds     from the start of sampling to its end
     * @param treeCpuSeconds  CPU of the whole tree meanwhile, reaped processes included
     * @param mainPid         the process that runs the driver and the student's code
     * @param processOf       each task's process
     * @param parentOf        each process's parent when first seen
     * @param ranNs           each task's time on a CPU meanwhile
     * @param loopAwaySeconds the longest time the main thread spent away from its event loop's poll (NaN unless
     *                        watched)
     */
    public record Observation(double wallSeconds, double treeCpuSeconds, long mainPid, Map<Long, Long> processOf,
                              Map<Long, Long> parentOf, Map<Long, Long> ranNs, List<Tick> ticks,
                              double loopAwaySeconds) {
        /**
         * Whether process {@code pid} is {@code ancestor} or descends from it: a process that detached (a new session,
         * a double fork) has been handed to the namespace's init and no longer descends from whoever started it.
         */
        public boolean descendsFrom(long pid, long ancestor) {
            for (long p = pid, hops = 0; p > 1 && hops < 4096; p = parentOf.getOrDefault(p, 0L), hops++) {
                if (p == ancestor) {
                    return true;
                }
            }
            return false;
        }

        private long unit(long tid, boolean processes) {
            return processes ? processOf.get(tid) : tid;
        }

        /** Seconds on a CPU of all tasks seen. */
        public double seenCpuSeconds() {
            return ranNs.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        }

        /**
         * {∫c² dt, ∫c dt} of c(t), the number of the tree's tasks on a CPU at t as the kernel accounted them in
         * windows of {@link #OVERLAP_WINDOW_NS} (the kernel brings a running task's time up to date only now and then,
         * which over single intervals would make c jitter, and a jittery c weighs itself up): their ratio is how many cores the tree kept busy at once, on average over its CPU time, the
         * statistic the suite judges its own parallel work by ({@code Sample.WORK_PARALLELISM}), here from outside.
         * Time no task ran (waiting for a child to start, say) weighs nothing; tasks that take turns give 1.
         */
        public double[] busyCoreMoments() {
            List<double[]> windows = new ArrayList<>();  // {length, ran} in ns
            double[] open = {0, 0};
            for (Tick tick : ticks) {
                open[0] += tick.lengthNs();
                open[1] += tick.ranNs().values().stream().mapToLong(Long::longValue).sum();
                if (open[0] >= OVERLAP_WINDOW_NS) {
                    windows.add(open);
                    open = new double[] {0, 0};
                }
            }
            if (open[0] > 0) {  // the last, short window joins the one before, lest a short one weigh itself up
                if (windows.isEmpty()) {
                    windows.add(open);
                } else {
                    windows.getLast()[0] += open[0];
                    windows.getLast()[1] += open[1];
                }
            }
            double squared = 0;
            double linear = 0;
            for (double[] window : windows) {
                squared += window[1] * window[1] / window[0];
                linear += window[1];
            }
            return new double[] {squared / 1e9, linear / 1e9};
        }

        /** Seconds on a CPU of each process of the tree, by pid. */
        public Map<Long, Double> byProcess() {
            Map<Long, Double> sums = new LinkedHashMap<>();
            ranNs.forEach((tid, ns) -> sums.merge(processOf.get(tid), ns / 1e9, Double::sum));
            return sums;
        }

        /** Seconds on a CPU of each thread of process {@code pid}, by tid (the main thread's tid is the pid). */
        public Map<Long, Double> threadsOf(long pid) {
            Map<Long, Double> threads = new LinkedHashMap<>();
            ranNs.forEach((tid, ns) -> {
                if (processOf.get(tid) == pid) {
                    threads.put(tid, ns / 1e9);
                }
            });
            return threads;
        }

        /**
         * Whether {@code units} ran at the same time: for each unit, the share of the windows of
         * {@link #OVERLAP_WINDOW_NS} in which it wanted a CPU that another of them wanted one too, and of those shares
         * the largest. A unit wants a CPU at a sample when it is on one or waiting for one (state R), or spent half the
         * interval on one or on a run queue (the kernel accounts a wait only once the task gets the CPU, on a loaded
         * machine tens of ms later, hence windows of several intervals); in a window when it did so in a third of the
         * samples or more. Units that take turns score about 0 however many there are (the one waiting its turn is
         * asleep, not waiting for a CPU); units that run side by side score about 1, on a loaded machine too, and so
         * when one of them is slower and runs on alone (as a JIT compiling one Worker's loop late makes it). {@code
         * units} are tids, or pids with {@code processes}.
         */
        public double overlap(Collection<Long> units, boolean processes) {
            Map<Long, Integer> active = new HashMap<>();
            Map<Long, Integer> accompanied = new HashMap<>();
            long windowNs = 0;
            int windowTicks = 0;
            Map<Long, Integer> wantingTicks = new HashMap<>();
            for (Tick tick : ticks) {
                java.util.Set<Long> wanting = new java.util.HashSet<>();
                tick.wantedNs().forEach((tid, ns) -> {
                    if (ns * 2 >= tick.lengthNs()) {
                        wanting.add(unit(tid, processes));
                    }
                });
                tick.runnable().forEach(tid -> wanting.add(unit(tid, processes)));
                wanting.retainAll(units);
                wanting.forEach(unit -> wantingTicks.merge(unit, 1, Integer::sum));
                windowNs += tick.lengthNs();
                windowTicks++;
                if (windowNs < OVERLAP_WINDOW_NS) {
                    continue;
                }
                int enough = Math.max(1, windowTicks / 3);
                List<Long> inWindow = wantingTicks.entrySet().stream().filter(e -> e.getValue() >= enough)
                        .map(Map.Entry::getKey).toList();
                for (long unit : inWindow) {
                    active.merge(unit, 1, Integer::sum);
                    if (inWindow.size() >= 2) {
                        accompanied.merge(unit, 1, Integer::sum);
                    }
                }
                wantingTicks.clear();
                windowNs = 0;
                windowTicks = 0;
            }
            return active.entrySet().stream()
                    .mapToDouble(e -> accompanied.getOrDefault(e.getKey(), 0) / (double) e.getValue())
                    .max().orElse(0);
        }
    }
}
