package concurrencyclaims.lab;

import concurrencyclaims.proc.TaskSampler;
import concurrencyclaims.runtime.MeasurementException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a student's call ran its work, as the kernel saw it ({@link TaskSampler}), against what the entry's
 * {@code spread} asks: {@code threads} (at least as many threads of the student's process as there are workers, each
 * with a fair part of the CPU), {@code processes} (that many child processes, the student's own process doing little,
 * their work overlapping in time) or {@code workers} (that many threads besides the main one, likewise, the main
 * thread doing little). A fair part is at least a quarter of an even share (a JIT that compiles one Worker's loop
 * late makes it take several times the CPU of another for the same part); "little" is at most {@link #LITTLE} of
 * all. Workers that take turns each do a fair part, but one after the other: for processes and Workers, one of them
 * at least must have run beside another for {@link #MIN_OVERLAP} of its time. These are facts about the
 * code, not timings, and hold on a loaded machine too, so a shortfall is the student's error. CPU in processes that
 * left the student's process tree (detached, handed to the sandbox's init) is never the student's work.
 */
final class Spread {
    /** The largest share of the call's CPU that the student's own process (or main thread) may take. */
    static final double LITTLE = 0.25;
    static final double MIN_OVERLAP = 0.5;
    /** The largest share of the call's CPU that processes outside the student's own process tree may take. */
    static final double STRAY = 0.05;
    /** The sampler's interval: the smallest absence from the event loop's poll it can see. */
    static final double RESOLUTION_S = 0.02;

    /**
     * The most CPU a call may spend on work that costs 1 done once by the suite just before: spread over processes
     * the work costs a little more (starting them, passing the parts), and a core's speed on a shared virtual
     * machine drifts by up to a third between two runs of the same work, so an honest call stays well below 2; a call
     * that keeps a second core busy beside a sequential computation spends about twice the work.
     */
    static final double MAX_CPU_OVER_WORK = 2.0;

    /**
     * Calls whose CPU the sampler partly missed are made again, at most this many times in all; the call it saw best
     * is judged.
     */
    static final int MAX_CALLS_FOR_A_SIGHT = 3;

    private Spread() {
    }

    /**
     * Whether the sampler missed enough of the call's CPU to hide a worker's fair part: what the kernel charged the
     * whole tree meanwhile, less what the sampler saw its tasks run, is more than a fair part of it and more than
     * one look's interval. That CPU ran in tasks that started and ended between two looks (a starved sampler on a
     * busy machine, threads of a few tens of ms); where the work ran cannot then be told from what was seen, and an
     * honest call would fail the checks.
     */
    static boolean missed(TaskSampler.Observation seen, int workers) {
        return seen.treeCpuSeconds() > RESOLUTION_S
                && unseen(seen) > Math.max(RESOLUTION_S, seen.treeCpuSeconds() / Math.max(1, workers) / 4);
    }

    /** The CPU the sampler did not see, in seconds: of two observations of the same call, the smaller is better. */
    static double unseen(TaskSampler.Observation seen) {
        return seen.treeCpuSeconds() - seen.seenCpuSeconds();
    }

    /**
     * Whether the work is shared out to processes to be run in parallel, whose CPU cost the harness checks. Not for
     * Workers: V8 compiles a Worker's loop late now and then, and that Worker then spends two to three times the CPU
     * on the same part, as much as a spinner would.
     */
    static boolean spreadsWork(String spread, int workers) {
        return workers >= 2 && "processes".equals(spread);
    }

    /**
     * Fails a call that spent more than {@link #MAX_CPU_OVER_WORK} times {@code workCpu}, the CPU of the suite's own
     * sequential run of the same work just before it (NaN: not checked).
     */
    static void checkCost(String file, String function, TaskSampler.Observation seen, double workCpu)
            throws MeasurementException {
        if (workCpu > 0 && seen.treeCpuSeconds() > MAX_CPU_OVER_WORK * workCpu) {
            throw new MeasurementException(file + ": " + function + "() spent " + String.format(Locale.ROOT,
                    "%.2f s of CPU on work that took the suite %.2f s done once, %.1f times as much (at most %.1f): CPU"
                            + " spent beside the work shows cores busy, not the work running in parallel",
                    seen.treeCpuSeconds(), workCpu, seen.treeCpuSeconds() / workCpu, MAX_CPU_OVER_WORK));
        }
    }

    static void check(String spread, String file, String function, TaskSampler.Observation seen, int workers)
            throws MeasurementException {
        String problem = problem(spread, seen, workers);
        if (problem != null) {
            throw new MeasurementException(file + ": " + function + "() " + problem);
        }
    }

    static String problem(String spread, TaskSampler.Observation seen, int workers) {
        double total = seen.seenCpuSeconds();
        double fair = total / workers / 4;
        long main = seen.mainPid();
        Map<Long, Double> processes = seen.byProcess();
        double leftBehind = processes.entrySet().stream().filter(e -> !seen.descendsFrom(e.getKey(), main))
                .mapToDouble(Map.Entry::getValue).sum();
        if (leftBehind > STRAY * total) {
            return "ran " + share(leftBehind, total) + " of its CPU in processes that had left its process tree"
                    + " (detached, in a session of their own): the work must run in its own process or its children";
        }
        Map<Long, Double> threads = seen.threadsOf(main);
        double inMain = processes.getOrDefault(main, 0.0);
        return switch (spread) {
            case "threads" -> {
                List<Long> busy = busy(threads, fair, -1);
                if (busy.size() < workers) {
                    yield "ran the work on " + busy.size() + " thread(s) of its process " + seconds(threads)
                            + "; it should run it on " + workers + " threads";
                }
                yield total - inMain > LITTLE * total ? "ran " + share(total - inMain, total)
                        + " of the work in other processes; it should run it on threads of its own process" : null;
            }
            case "processes" -> {
                List<Long> busy = busy(processes, fair, main);
                if (busy.size() < workers || inMain > LITTLE * total) {
                    yield "ran " + share(inMain, total) + " of the work in its own process and the rest in "
                            + busy.size() + " other(s) doing a fair part " + seconds(processes)
                            + "; it should run all of it in " + workers + " child processes";
                }
                yield tookTurns(seen, busy, true, "processes");
            }
            default -> {
                double onMain = threads.getOrDefault(main, 0.0);
                List<Long> busy = busy(threads, fair, main);
                if (busy.size() < workers || onMain > LITTLE * total || total - inMain > LITTLE * total) {
                    yield "ran " + share(onMain, total) + " of the work on the main thread and the rest on "
                            + busy.size() + " Worker(s) doing a fair part " + seconds(threads)
                            + "; it should run all of it in " + workers + " Worker(s)";
                }
                yield tookTurns(seen, busy, false, "Workers");
            }
        };
    }

    private static String tookTurns(TaskSampler.Observation seen, List<Long> busy, boolean processes, String what) {
        if (busy.size() < 2) {
            return null;
        }
        double overlap = seen.overlap(busy, processes);
        return overlap >= MIN_OVERLAP ? null : "ran its " + busy.size() + " " + what + " one after the other: none"
                + " of them ran beside another for more than " + share(overlap, 1) + " of its time (at least "
                + share(MIN_OVERLAP, 1) + " is asked); start them all before waiting for any";
    }

    /** The units (tids or pids, but {@code except}) that ran at least {@code fair} seconds. */
    private static List<Long> busy(Map<Long, Double> cpu, double fair, long except) {
        return cpu.entrySet().stream().filter(e -> e.getKey() != except && e.getValue() >= fair && e.getValue() > 0)
                .map(Map.Entry::getKey).toList();
    }

    private static String seconds(Map<Long, Double> cpu) {
        List<String> busiest = cpu.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(6)
                .map(s -> String.format(Locale.ROOT, "%.2f", s)).toList();
        return "(the kernel saw " + (busiest.isEmpty() ? "no CPU" : String.join(", ", busiest) + " s of CPU") + ")";
    }

    private static String share(double part, double whole) {
        return whole > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * part / whole) : "none";
    }
}
