package concurrencyclaims;

import concurrencyclaims.catalog.Catalog;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.catalog.WorkloadFiles;
import concurrencyclaims.workloads.TcpEcho;
import concurrencyclaims.judge.Decision;
import concurrencyclaims.judge.DecisionRule;
import concurrencyclaims.judge.Judgement;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.judge.PlanContext;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Measurer;
import concurrencyclaims.measure.Settings;
import concurrencyclaims.measure.Stats;
import concurrencyclaims.report.Results;
import concurrencyclaims.results.Environment;
import concurrencyclaims.results.RunResults;
import concurrencyclaims.results.VerdictRecord;
import concurrencyclaims.runtime.EchoServer;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Runtimes;
import concurrencyclaims.runtime.WorkloadSize;
import concurrencyclaims.sweep.Sweep;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One run of the pipeline: claims → plan → measure → judge → results. Knows nothing of JUnit, so a command line or a
 * lab scorecard can drive it too. Each judged (claim, runtime, model) is appended to results.json at once.
 */
public final class ClaimRun implements AutoCloseable {
    private final Settings settings;
    private final Catalog catalog;
    private final WorkloadFiles workloads;
    private final Runtimes runtimes;
    private final Measurer measurer;
    private final RunResults results;
    private final Set<String> selected;
    private final PrintStream out;
    private final long startedNanos = System.nanoTime();
    private EchoServer.Remote echoServer;
    private int judged;
    private boolean sweeping;
    /** The sweep's budget not yet spent, and its lines not yet swept, in the whole run. */
    private double sweepSecondsLeft;
    private int sweepLinesLeft;
    private final Map<String, Map<Sweep.Plan, Sweep.Outcome>> swept = new HashMap<>();

    public ClaimRun(Path projectRoot, Settings settings, String claimSelection, String pythonSpec, PrintStream out) {
        this(projectRoot, settings, Catalog.load(settings.suites() == null ? projectRoot.resolve("suites")
                : projectRoot.resolve(settings.suites()), projectRoot), claimSelection,
                () -> Runtimes.discover(projectRoot, pythonSpec), projectRoot.resolve("reports"), out);
    }

    /**
     * A run of {@code catalog}'s claims on the runtimes {@code discover} makes (a lab's: the student's code), its
     * results in a new folder of {@code reportsFolder}.
     */
    public ClaimRun(Path projectRoot, Settings settings, Catalog catalog, String claimSelection,
                    java.util.function.Supplier<Runtimes> discover, Path reportsFolder, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.workloads = new WorkloadFiles(projectRoot);
        this.catalog = catalog;
        this.selected = claimSelection == null || claimSelection.isBlank() ? Set.of()
                : Set.copyOf(Stream.of(claimSelection.split(",")).map(String::strip).toList());
        this.measurer = new Measurer(settings, line -> out.println("  · " + line));
        this.results = new RunResults(reportsFolder, settings.mode(), Environment.capture());
        out.println("concurrency-claims: " + settings.mode() + " run; per claim " + settings.warmups() + " warm-up"
                + " round, then rounds until the decision rule decides (at most " + settings.maxRounds() + " rounds or "
                + Stats.format(settings.maxSeconds()) + " s); results in " + results.directory());
        this.runtimes = discover.get();
        measurer.neighbours(runtimes.all());
        List<Results.RuntimeInfo> described = new ArrayList<>();
        for (Runtime runtime : runtimes.all()) {
            described.add(new Results.RuntimeInfo(runtime.id(), runtime.kind(), runtime.language(),
                    runtime.unavailableReason().isEmpty(), runtime.unavailableReason().orElse(null), runtime.describe()));
            out.println("  runtime " + runtime.id() + runtime.unavailableReason().map(r -> ": UNAVAILABLE — " + r).orElse(""));
        }
        results.runtimes(described);
        results.settings(new Results.Settings(settings.warmups(), settings.maxRounds(), settings.maxSeconds(),
                settings.targetSeconds(), new Results.DecisionRule(DecisionRule.ALPHA, DecisionRule.FIRST_LOOK,
                DecisionRule.FIRST_LOOK_ALPHA, DecisionRule.LATER_LOOKS_ALPHA, "Student t on the log of the"
                + " per-round statistic; the first look spends first_look_alpha, each later look later_looks_alpha"
                + " / (max_rounds - first_look)")));
    }

    /**
     * Why {@code claim} is not to be measured in this run, given the outcomes so far (a lab check whose prerequisite
     * did not pass), or empty; the claim is then INCONCLUSIVE, not measured, with that reason.
     */
    public interface Gate {
        Optional<String> notMeasuredBecause(Claim claim, Map<String, Outcome> outcomesSoFar);
    }

    private Gate gate = (claim, outcomes) -> Optional.empty();
    private final Map<String, Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();

    public void gate(Gate gate) {
        this.gate = gate;
    }

    public RunResults results() {
        return results;
    }

    /**
     * Whether this run sweeps how cost grows with concurrent tasks ({@link Sweep}): off unless asked for (a lab never
     * does), and then only when no claim selection leaves it out ({@code -Dclaims=…} sweeps when it names "sweep"); it
     * may spend {@code budgetSeconds} sampling in the whole run.
     */
    public void sweeping(boolean on, double budgetSeconds) {
        this.sweeping = on && (selected.isEmpty() || selected.contains(SWEEP));
        if (sweeping) {
            measurer.shareSamplesOf(Sweep.WORKLOAD);
            sweepSecondsLeft = budgetSeconds;
            sweepLinesLeft = Sweep.MODELS.keySet().stream().mapToInt(kind -> sweepsFor(kind).size()).sum();
        }
    }

    /** The name that selects the sweep in {@code -Dclaims}. */
    public static final String SWEEP = "sweep";

    /** The sweep's lines on the runtimes of {@code kind}; none when this run does not sweep. */
    public List<Sweep.Plan> sweepsFor(String kind) {
        if (!sweeping) {
            return List.of();
        }
        return Sweep.plans(runtimes.ofKind(kind).stream().filter(r -> !r.judgesOnlyClaimsAboutTheGil()).toList());
    }

    /**
     * What the sweep of {@code kind} made of one of its lines. The first call sweeps all the kind's lines together
     * (cheapest point first, {@link Sweep#runAll}) within their share of the budget left: what is left over in
     * proportion to their number, so a kind swept early cannot starve the later ones, and what one kind leaves goes to
     * the next. Each line goes to results.json after each point it measures, and as it ended once the kind's sweep
     * is over, a failed one with what it measured.
     */
    public synchronized Sweep.Outcome sweep(String kind, Sweep.Plan plan) throws MeasurementException {
        Map<Sweep.Plan, Sweep.Outcome> outcomes = swept.get(kind);
        if (outcomes == null) {
            outcomes = sweepKind(kind);
            swept.put(kind, outcomes);
        }
        return outcomes.get(plan);
    }

    private Map<Sweep.Plan, Sweep.Outcome> sweepKind(String kind) throws MeasurementException {
        long start = System.nanoTime();
        List<Sweep.Plan> plans = sweepsFor(kind);
        double share = sweepLinesLeft <= 0 ? 0 : Math.max(0, sweepSecondsLeft) * plans.size() / sweepLinesLeft;
        out.println(String.format(Locale.ROOT, "[sweep] %s: %d lines, %.0f s of the sweep's budget (-D%s)", kind,
                plans.size(), share, Sweep.BUDGET_PROPERTY));
        Map<String, Map<String, String>> parameters = new HashMap<>();
        for (Sweep.Plan plan : plans) {
            if (plan.runtime().unavailableReason().isEmpty()) {
                prepare(plan.runtime());
            }
            if (!parameters.containsKey(plan.waitKind())) {
                parameters.put(plan.waitKind(), parameters(Sweep.WORKLOAD, Sweep.parameters(plan.waitKind())));
            }
        }
        List<Sweep.Outcome> outcomes = new Sweep(measurer, settings.quick(), line -> out.println("  · " + line))
                .soFar(results::add).runAll(plans, plan -> parameters.get(plan.waitKind()), share);
        Map<Sweep.Plan, Sweep.Outcome> byPlan = new LinkedHashMap<>();
        double spent = 0;
        for (int i = 0; i < plans.size(); i++) {
            Sweep.Outcome outcome = outcomes.get(i);
            Results.Sweep line = outcome.swept();
            spent += outcome.seconds();
            results.add(line);
            byPlan.put(plans.get(i), outcome);
            out.println(String.format(Locale.ROOT, "  → %s: %s in %.1f s: %s", plans.get(i).label(),
                    line.points().isEmpty() ? "nothing measured" : "up to " + String.format(Locale.ROOT, "%,d",
                            line.points().getLast().tasks()) + " tasks", outcome.seconds(), line.stop() == null
                            ? "every number of tasks measured" : "stopped at " + String.format(Locale.ROOT, "%,d",
                            line.stop().tasks()) + " (" + line.stop().kind() + "): " + line.stop().reason()));
        }
        sweepSecondsLeft -= spent;
        sweepLinesLeft -= plans.size();
        out.println(String.format(Locale.ROOT, "[sweep] %s: %.1f s sampling, %.1f s in all", kind, spent,
                seconds(start)));
        return byPlan;
    }

    /**
     * The runtimes of {@code kind} that judge {@code claim}: all of them, but for a free-threaded build in a default
     * run, which judges only the claims about the GIL (on others it would repeat the GIL build's verdicts).
     */
    public List<Runtime> runtimesFor(Claim claim, String kind) {
        boolean aboutTheGil = claim.requires() != null && claim.requires().aboutTheGil();
        return runtimes.ofKind(kind).stream()
                .filter(r -> aboutTheGil || !r.judgesOnlyClaimsAboutTheGil())
                .toList();
    }

    /** The claims about runtimes of {@code kind}, narrowed by the selection (-Dclaims=id,id...). */
    public List<Claim> claimsFor(String kind) {
        return catalog.claims().stream().filter(c -> !c.modelsFor(kind).isEmpty())
                .filter(c -> selected.isEmpty() || selected.contains(c.id())).toList();
    }

    /**
     * Measures and judges {@code claim} on {@code runtime} under {@code model}: a warm-up round, then one round at a
     * time until the decision rule decides or the claim's budget (rounds, seconds) runs out. A workload that crashes,
     * hangs or returns a wrong checksum throws.
     */
    public Verdict judge(Claim claim, Runtime runtime, String model) throws MeasurementException {
        long start = System.nanoTime();
        String label = "[" + (++judged) + "] " + claim.id() + " · " + runtime.id() + " · " + model;
        out.println(label);
        Verdict verdict = unavailable(claim, runtime, model);
        if (verdict == null) {
            verdict = gate.notMeasuredBecause(claim, Map.copyOf(outcomes)).map(Verdict::notMeasured).orElse(null);
        }
        Measurements measurements = null;
        try {
            if (verdict == null) {
                prepare(runtime);
                PlanContext plan = plan(claim, runtime, model);
                verdict = claim.assertion().decidedWithoutMeasuring(plan).orElse(null);
                if (verdict == null) {
                    Measurer.Session session = measurer.session(claim.assertion().series(plan), label);
                    measurements = session.measurements();
                    verdict = measureUntilDecided(claim, plan, session);
                }
            }
        } catch (MeasurementException e) {
            int rounds = measurements == null ? 0 : measurements.rounds();
            outcomes.put(claim.id(), Outcome.ERROR);
            results.add(VerdictRecord.of(claim, runtime.id(), runtime.language(), model,
                    Verdict.of(Outcome.ERROR, e.getMessage(), Map.of(), null,
                            new Decision(null, null, null, null, rounds, Decision.Stop.ERROR)),
                    measurements, seconds(start)));
            throw e;
        }
        double seconds = seconds(start);
        outcomes.merge(claim.id(), verdict.outcome(), (before, now) -> before == Outcome.CONFIRMED ? now : before);
        verdict.warnings().forEach(w -> results.warn(runtime.id() + " " + claim.id() + ": " + w));
        results.add(VerdictRecord.of(claim, runtime.id(), runtime.language(), model, verdict, measurements, seconds));
        out.println(String.format(Locale.ROOT, "  → %s in %.1f s, %d round(s): %s", verdict.outcome(), seconds,
                verdict.decision() == null ? 0 : verdict.decision().rounds(), verdict.reason()));
        return verdict;
    }

    /** Rounds until the rule settles, or INCONCLUSIVE (saying which way it leaned) when the budget runs out. */
    private Verdict measureUntilDecided(Claim claim, PlanContext plan, Measurer.Session session)
            throws MeasurementException {
        long started = System.nanoTime();
        session.warmUp();
        while (true) {
            session.round();
            Measurements m = session.measurements();
            if (m.rounds() < DecisionRule.FIRST_LOOK) {
                continue;
            }
            Judgement judgement;
            try {
                judgement = DecisionRule.judge(claim.assertion().assess(m, plan), m, settings.maxRounds());
            } catch (IllegalStateException e) {
                throw new MeasurementException(claim.id() + " on " + plan.runtime().id() + " · " + plan.model() + ": "
                        + e.getMessage());
            }
            Verdict verdict = judgement.verdict().withWarnings(m.noiseWarnings());
            if (judgement.settled()) {
                return verdict;
            }
            if (m.rounds() >= settings.maxRounds()) {
                return verdict.stopped(Decision.Stop.MAX_ROUNDS, "no decision within the budget of "
                        + settings.maxRounds() + " rounds (-Dmax.rounds): ");
            }
            double spent = seconds(started);
            if (spent >= settings.maxSeconds()) {
                return verdict.stopped(Decision.Stop.MAX_SECONDS, String.format(Locale.ROOT, "no decision within the"
                        + " budget of %.0f s (-Dmax.seconds), after %d rounds: ", settings.maxSeconds(), m.rounds()));
            }
        }
    }

    /**
     * Every runtime's once-per-run preparation (a JIT's warm-up until its compiler is quiet), all before the first
     * claim is measured, so that none warms up while another is measured; a runtime whose preparation failed fails
     * its own claims with that error, no other's.
     */
    private void prepare(Runtime runtime) throws MeasurementException {
        if (preparationFailures == null) {
            preparationFailures = new HashMap<>();
            for (Runtime r : runtimes.all()) {
                if (r.unavailableReason().isEmpty() && (r == runtimes.control() || judgesAnything(r))) {
                    long started = System.nanoTime();
                    if (r.preparation() != null) {
                        out.println("  · " + r.id() + ": " + r.preparation());
                    }
                    try {
                        r.prepareForMeasuring();
                    } catch (MeasurementException e) {
                        preparationFailures.put(r.id(), e);
                    }
                    if (seconds(started) > 1) {
                        out.println(String.format(Locale.ROOT, "  · prepared %s for measuring in %.1f s", r.id(),
                                seconds(started)));
                    }
                }
            }
        }
        MeasurementException failed = preparationFailures.get(runtime.id());
        if (failed != null) {
            throw new MeasurementException(failed.getMessage());
        }
    }

    private Map<String, MeasurementException> preparationFailures;

    private boolean judgesAnything(Runtime runtime) {
        return claimsFor(runtime.kind()).stream().anyMatch(c -> runtimesFor(c, runtime.kind()).contains(runtime));
    }

    private static Verdict unavailable(Claim claim, Runtime runtime, String model) {
        if (runtime.unavailableReason().isPresent()) {
            return Verdict.unavailable(runtime.unavailableReason().get());
        }
        if (claim.requires() != null && runtime.language().equals("python")) {
            Optional<String> unmet = claim.requires().unmetBy(runtime.id(), runtime.describe());
            if (unmet.isPresent()) {
                return Verdict.unavailable(unmet.get());
            }
        }
        if (!runtime.models().contains(model)) {
            return Verdict.unavailable(runtime.id() + " does not offer the model '" + model + "'" + runtime
                    .modelNotOfferedBecause(model).map(why -> ": " + why).orElse(" (it offers " + runtime.models() + ")"));
        }
        return null;
    }

    private PlanContext plan(Claim claim, Runtime runtime, String model) throws MeasurementException {
        Map<Runtime, WorkloadSize> sizes = new HashMap<>();
        // The control runs the claim's workload where Java has it, else one of its own.
        String controlWorkload = workloads.java(claim.workload()).isPresent() ? claim.workload()
                : PlanContext.DEFAULT_CONTROL_WORKLOAD;
        sizes.put(runtime, size(claim, runtime, claim.workload()));
        if (runtime != runtimes.control()) {
            sizes.put(runtimes.control(), controlWorkload.equals(claim.workload())
                    ? size(claim, runtimes.control(), claim.workload())
                    : measurer.calibrate(runtimes.control(), controlWorkload).scaledTo(settings.targetSeconds(), null));
        }
        return new PlanContext(claim, runtime, model, runtimes.control(),
                java.lang.Runtime.getRuntime().availableProcessors(), r -> {
                    WorkloadSize size = sizes.get(r);
                    if (size == null) {
                        throw new IllegalStateException("no workload size for " + r.id());
                    }
                    return size;
                }, parameters(claim.workload(), claim.parameters()), controlWorkload);
    }

    private WorkloadSize size(Claim claim, Runtime runtime, String workload) throws MeasurementException {
        Double atLeast = claim.minSeconds();
        if (runtime.minimumSampleSeconds() > 0) {
            atLeast = Math.max(runtime.minimumSampleSeconds(), atLeast == null ? 0 : atLeast);
        }
        return claim.iterations() != null ? new WorkloadSize(claim.unitsOrDefault(), claim.iterations())
                : measurer.calibrate(runtime, workload, claim.parameters()).scaledTo(settings.targetSeconds(), atLeast);
    }

    /**
     * A claim's (or the sweep's) own parameters, and what its workload needs from the harness: a workload that takes
     * {@value TcpEcho#PORT} gets the port of the run's echo server on 127.0.0.1.
     */
    private Map<String, String> parameters(String workload, Map<String, String> own) throws MeasurementException {
        if (!workloads.takes(workload, TcpEcho.PORT)) {
            return own;
        }
        if (echoServer == null) {
            try {
                echoServer = EchoServer.startInChildJvm();
            } catch (MeasurementException e) {
                throw new MeasurementException("cannot start the echo server on 127.0.0.1: " + e.getMessage());
            }
            out.println("  · echo server listening on 127.0.0.1:" + echoServer.port());
        }
        Map<String, String> parameters = new java.util.TreeMap<>(own);
        parameters.put(TcpEcho.PORT, Integer.toString(echoServer.port()));
        return parameters;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public double elapsedSeconds() {
        return seconds(startedNanos);
    }

    /** Writes the final results; returns the run's folder. */
    public Path finish() {
        double[] now = concurrencyclaims.measure.CpuMeter.machineTotalAndSteal();
        double steal = (now[1] - stealAtStart[1]) / Math.max(1e-9, now[0] - stealAtStart[0]);
        if (!Double.isNaN(steal)) {
            results.stealShare(steal);
            if (steal > STEAL_WARNING) {
                results.warn(String.format(Locale.ROOT, "the hypervisor gave %.0f%% of this machine's CPU time to other"
                        + " virtual machines during the run (steal in /proc/stat): expect INCONCLUSIVE verdicts about"
                        + " parallelism, which needs the cores this machine was promised", 100 * steal));
            }
        }
        results.finish();
        return results.directory();
    }

    /** Steal above this share of the machine's CPU time makes the run's report say so. */
    private static final double STEAL_WARNING = 0.05;
    private final double[] stealAtStart = concurrencyclaims.measure.CpuMeter.machineTotalAndSteal();

    @Override
    public void close() {
        if (echoServer != null) {
            echoServer.close();
        }
        runtimes.close();
    }
}
