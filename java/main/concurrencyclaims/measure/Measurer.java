package concurrencyclaims.measure;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Takes the samples: series interleaved round by round (A B C, B C A, C A B ...) so that a burst of load hits every
 * series alike, warm-up rounds first, then one round at a time for as long as the decision rule asks; every checksum
 * checked against the Java reference, and the CPU that other processes (and this JVM) used meanwhile recorded with
 * each sample.
 */
public final class Measurer {
    private static final double PILOT_SECONDS = 0.05;
    /** A calibrated run may take this factor more or less than the target. */
    private static final double CALIBRATION_TOLERANCE = 1.3;

    private final Settings settings;
    private final Consumer<String> progress;
    private final Map<String, WorkloadSize> calibrated = new ConcurrentHashMap<>();
    private final java.util.Set<String> warm = ConcurrentHashMap.newKeySet();
    private final Checksums checksums = new Checksums();
    /**
     * Every counted sample of a shared workload's series ({@link #shareSamplesOf}), by {@link Series#warmUpKey()}, in
     * the order taken: a claim's rounds, and the sweep's points, begin with those taken before (by another claim or
     * the sweep). Other series are never shared: a claim measures its own rounds, its control among them.
     */
    private final Map<String, List<MeasuredSample>> pooled = new ConcurrentHashMap<>();
    private final java.util.Set<String> sharedWorkloads = ConcurrentHashMap.newKeySet();
    /** Samples one claim may take again because this JVM's background work disturbed them. */
    static final int MAX_RETAKES = 4;
    /** Cores of this JVM's background work (beside the sample's own) that make a sample disturbed. */
    static final double DISTURBED_CORES = 0.5;
    /** Warm-up rounds of one claim at most, however long a runtime keeps compiling. */
    static final int MAX_WARMUPS = 12;

    public Measurer(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        // Loads what reading the meters needs now, so that no sample's window holds this JVM loading it.
        CpuMeter.machineBusySeconds();
        CpuMeter.reapedChildrenCpuSeconds();
    }

    public Settings settings() {
        return settings;
    }

    private volatile List<Runtime> neighbours = List.of();

    /** The run's runtimes: before each sample of one, the others that keep a process between samples must be quiet. */
    public void neighbours(List<Runtime> runtimes) {
        this.neighbours = List.copyOf(runtimes);
    }

    /** How long one sample waits for a busy neighbour at most; a compiler queue of a cold JVM drains well within it. */
    static final double QUIET_LIMIT_S = 180;
    private double quietLimitSeconds = QUIET_LIMIT_S;

    /** For tests: a shorter wait for a busy neighbour. */
    void quietLimit(double seconds) {
        this.quietLimitSeconds = seconds;
    }

    /** Runtimes that stayed busy for a whole wait: not waited for again in this run. */
    private final java.util.Set<Runtime> neverQuiet = ConcurrentHashMap.newKeySet();

    /**
     * Waits until no runtime of the run but {@code measured} is busy in the background (a JVM compiling after its
     * own samples), at most {@value #QUIET_LIMIT_S} s; says once that it waits and, if it gives up, why.
     */
    private void awaitQuietNeighbours(Runtime measured) {
        for (Runtime other : neighbours) {
            if (other == measured || neverQuiet.contains(other)) {
                continue;
            }
            long started = System.nanoTime();
            boolean said = false;
            while (other.busyInBackground()) {
                double waited = (System.nanoTime() - started) / 1e9;
                if (waited >= quietLimitSeconds) {
                    neverQuiet.add(other);
                    progress.accept(other.id() + " was still busy after " + Stats.format(waited) + " s: measuring "
                            + "the others beside it from now on (its CPU counts as other processes' in their samples)");
                    return;
                }
                if (!said) {
                    progress.accept("waiting for " + other.id() + " to go quiet (its process is busy in the"
                            + " background, compiling) before measuring " + measured.id());
                    said = true;
                }
            }
            if (said) {
                progress.accept(other.id() + " quiet after " + Stats.format((System.nanoTime() - started) / 1e9) + " s");
            }
        }
    }

    /** A claim's measurement: its series, interleaved, one round at a time as the decision rule asks for more. */
    public Session session(List<Series> series, String label) {
        return new Session(series, label);
    }

    public final class Session {
        private final List<Series> series;
        private final String label;
        private final Measurements measurements = new Measurements();
        private final int warmups;
        private int rounds;

        private Session(List<Series> series, String label) {
            this.series = List.copyOf(series);
            this.label = label;
            // A warm-up is for code paths (a JIT's first compile in this JVM), not for claims: series this run has
            // already measured are warm, and so is every runtime that starts afresh for each sample.
            boolean cold = series.stream()
                    .anyMatch(s -> s.runtime().warmsUpAcrossSamples(s.job(settings.timeout()))
                            && !warm.contains(s.warmUpKey()));
            this.warmups = Math.max(cold ? settings.warmups() : 0,
                    series.stream().mapToInt(s -> s.runtime().minimumWarmups()).max().orElse(0));
        }

        /**
         * The warm-up rounds, measured and kept in the record, never judged: as many as the settings and the
         * runtimes ask for, then more while a runtime says it is still warming up (at most {@value #MAX_WARMUPS}).
         */
        public void warmUp() throws MeasurementException {
            for (int w = 0; w < MAX_WARMUPS && (w < warmups || stillWarming()); w++) {
                progress.accept(label + " — warm-up " + (w + 1) + (w < warmups ? "/" + warmups : " (a runtime is"
                        + " still compiling)"));
                take(true);
            }
        }

        private boolean stillWarming() {
            return series.stream().anyMatch(s -> s.runtime().stillWarming());
        }

        /** One more judged round, every series once, in an order rotated by one from the round before. */
        public void round() throws MeasurementException {
            progress.accept(label + " — round " + (measurements.rounds() + 1) + " (of at most " + settings.maxRounds()
                    + ")");
            take(false);
        }

        private void take(boolean warmup) throws MeasurementException {
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get((i + rounds) % series.size());
                MeasuredSample kept = warmup ? null : pooledSample(s, rounds);
                if (kept != null) {
                    measurements.add(s, kept);
                    continue;
                }
                MeasuredSample taken = sample(s, rounds, warmup);
                // This JVM's own background work (a JIT compiling, a GC) took cores from the sample: take it again,
                // a few times per claim at most. It stays in the record, marked, and enters no statistic.
                while (!warmup && retakes < MAX_RETAKES && taken.jvmBackgroundCores(
                        taken.sample().ranInThisJvm(s.runtime().runsInThisJvm(s.model()))) > DISTURBED_CORES) {
                    measurements.add(s, taken.asRetaken());
                    retakes++;
                    progress.accept(label + " — taking a sample of " + s.label() + " again: this JVM's compiler or"
                            + " collector kept " + Stats.format(taken.jvmBackgroundCores(
                            taken.sample().ranInThisJvm(s.runtime().runsInThisJvm(s.model())))) + " cores busy meanwhile");
                    taken = sample(s, rounds, warmup);
                }
                measurements.add(s, taken);
                if (!warmup && sharedWorkloads.contains(s.workload())) {
                    keep(s, taken);
                }
                warm.add(s.warmUpKey());
            }
            rounds++;
        }

        private int retakes;

        public Measurements measurements() {
            return measurements;
        }
    }

    /**
     * Sample {@code index} (0, 1, ...) of {@code series} outside any claim (a point of the concurrency sweep): one
     * taken before in this run where there is one (a claim's round), else a new one, kept for what follows; its
     * workload's samples are shared from now on. A claim's
     * rounds are interleaved to share a burst of load alike; a kept sample was taken in the same run by the same
     * rule (neighbours quiet, foreign CPU recorded), so the decision rule's load check still applies to it.
     */
    public MeasuredSample sampleAndKeep(Series series, int index, java.time.Duration timeout)
            throws MeasurementException {
        shareSamplesOf(series.workload());
        List<MeasuredSample> kept = pooled.getOrDefault(series.warmUpKey(), List.of());
        if (index < kept.size()) {
            return kept.get(index);
        }
        MeasuredSample taken = sample(series, kept.size(), false, timeout);
        keep(series, taken);
        warm.add(series.warmUpKey());
        return taken;
    }

    /**
     * The series of {@code workload} share their samples from now on: the concurrency sweep's, whose points at
     * thousands of tasks take seconds each and measure nothing a round's interleaving would protect (memory held,
     * waits that overlap or not), and whose claims have no control.
     */
    public void shareSamplesOf(String workload) {
        sharedWorkloads.add(workload);
    }

    /** How many samples of {@code series} this run has taken so far. */
    public int kept(Series series) {
        return pooled.getOrDefault(series.warmUpKey(), List.of()).size();
    }

    private void keep(Series series, MeasuredSample sample) {
        pooled.computeIfAbsent(series.warmUpKey(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(sample);
    }

    private MeasuredSample pooledSample(Series series, int round) {
        if (!sharedWorkloads.contains(series.workload())) {
            return null;
        }
        List<MeasuredSample> kept = pooled.getOrDefault(series.warmUpKey(), List.of());
        if (round >= kept.size()) {
            return null;
        }
        MeasuredSample s = kept.get(round);
        return new MeasuredSample(round, false, s.sample(), s.elapsedSeconds(), s.foreignCpuSeconds(), s.jvmCpuSeconds(),
                false, s.checksumReference());
    }

    private MeasuredSample sample(Series series, int round, boolean warmup) throws MeasurementException {
        return sample(series, round, warmup, settings.timeout());
    }

    private MeasuredSample sample(Series series, int round, boolean warmup, java.time.Duration timeout)
            throws MeasurementException {
        awaitQuietNeighbours(series.runtime());
        double busyBefore = CpuMeter.machineBusySeconds();
        double jvmBefore = CpuMeter.jvmCpuSeconds();
        double childrenBefore = CpuMeter.reapedChildrenCpuSeconds();
        long start = System.nanoTime();
        Sample sample = series.runtime().run(series.job(timeout));
        double elapsed = (System.nanoTime() - start) / 1e9;
        double busy = CpuMeter.machineBusySeconds() - busyBefore;
        double jvm = CpuMeter.jvmCpuSeconds() - jvmBefore;
        double children = CpuMeter.reapedChildrenCpuSeconds() - childrenBefore;
        // A child process's own CPU is the sample's, not another process's: all of it, its start-up, imports and
        // exit too, which the workload's cpu_s leaves out: what this JVM reaped, or what a process it does not reap
        // (a forked copy of a kept interpreter) reports of itself.
        double processCpu = sample.details().get(Sample.PROCESS_CPU) instanceof Number n ? n.doubleValue() : 0;
        double childCpu = sample.ranInThisJvm(series.runtime().runsInThisJvm(series.model())) ? 0
                : Math.max(Math.max(sample.cpuSeconds(), processCpu), Double.isNaN(children) ? 0 : children);
        double own = jvm + childCpu;
        Checksums.Reference reference = checksums.check(series.runtime(), series.job(timeout), sample);
        double foreign = Double.isNaN(busy) ? 0 : busy - own;
        return new MeasuredSample(round, warmup, sample, elapsed, foreign, jvm, false, reference.source());
    }

    /**
     * The size at which {@code runtime} runs {@code workload} sequentially in about the target time: grown from a
     * small pilot until one run takes long enough to time, then scaled and checked again, until two runs in a row land
     * within {@link #CALIBRATION_TOLERANCE} of the target. The re-check matters for JIT runtimes: a cold first call (parsing,
     * interpreting) can be thousands of times slower per iteration than compiled code, and a runtime that compiles in
     * the background for seconds (its {@link Runtime#minimumWarmups()}) must land on target that many more times in a
     * row, so that calls still interpreted cannot settle the size. Cached per runtime and workload.
     */
    public WorkloadSize calibrate(Runtime runtime, String workload) throws MeasurementException {
        return calibrate(runtime, workload, Map.of());
    }

    /**
     * The same for a workload run with {@code parameters}, which may change what one iteration costs (hash_buffers'
     * block: 64 bytes or 1 MiB an iteration): each set of parameters is sized on its own. The pilot starts at one
     * iteration a unit, since an iteration may be costly, and grows up to 100 times per pilot.
     */
    public WorkloadSize calibrate(Runtime runtime, String workload, Map<String, String> parameters)
            throws MeasurementException {
        String key = runtime.id() + "/" + workload + (parameters.isEmpty() ? "" : " " + new java.util.TreeMap<>(parameters));
        WorkloadSize known = calibrated.get(key);
        if (known != null) {
            return known;
        }
        long iterations = 1;
        WorkloadSize size = new WorkloadSize(WorkloadSize.DEFAULT_UNITS, iterations);
        int onTarget = 0;
        int needed = 2 + runtime.minimumWarmups();
        for (int attempt = 0; attempt < 20 + 2 * needed; attempt++) {
            Job job = new Job(workload, runtime.sequentialModel(), 1, size, settings.timeout(), parameters);
            awaitQuietNeighbours(runtime);
            Sample pilot = runtime.run(job);
            checksums.check(runtime, job, pilot);
            boolean tooShortToTime = pilot.wallSeconds() < PILOT_SECONDS;
            double ratio = pilot.wallSeconds() / settings.targetSeconds();
            // Two runs in a row on target: one could be a recompilation stall that happened to land there.
            onTarget = !tooShortToTime && Math.abs(Math.log(ratio)) <= Math.log(CALIBRATION_TOLERANCE) ? onTarget + 1 : 0;
            if (onTarget == needed) {
                break;
            }
            if (onTarget >= 1) {
                continue;
            }
            double growth = tooShortToTime
                    ? Math.max(2, Math.min(100, 2 * PILOT_SECONDS / Math.max(pilot.wallSeconds(), 1e-6)))
                    : 1 / ratio;
            iterations = Math.max(1, Math.round(iterations * growth));
            size = new WorkloadSize(WorkloadSize.DEFAULT_UNITS, iterations);
        }
        progress.accept("calibrated " + key + ": " + size.units() + " units × " + size.iterations() + " iterations ≈ "
                + settings.targetSeconds() + " s sequential");
        calibrated.put(key, size);
        return size;
    }

    public Map<String, WorkloadSize> calibratedSizes() {
        return Map.copyOf(calibrated);
    }
}
