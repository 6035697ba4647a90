package concurrencyclaims.sweep;

import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurer;
import concurrencyclaims.measure.Series;
import concurrencyclaims.proc.Limits;
import concurrencyclaims.report.Results;
import concurrencyclaims.report.SweepFigures;
import concurrencyclaims.results.VerdictRecord;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.WorkloadSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The concurrency sweep: how a model's cost grows with the number of concurrent tasks. Each task of the
 * {@value #WORKLOAD} workload holds one wait of {@value #WAIT_MS} ms (a sleep, or a request to the run's echo server);
 * the sweep measures N = 10, 100, 1,000, 10,000 tasks in turn, as far as the model goes on this machine. Before each
 * number it predicts, from the number before, whether the machine can hold it (threads and processes against the
 * kernel's and the user's limits, memory against what is available, time against {@value #SAMPLE_BUDGET_S} s a
 * sample); a number a model cannot start ("limit: …" from the workload, a timeout) ends its sweep there. Either way the
 * stop is a finding, with its reason, not an error. It shares samples with the claims through the {@link Measurer}:
 * a number of tasks a claim of the run measured (the claims of a language run first) is taken from the claim's
 * rounds, not measured again nor predicted, and a claim judged after the sweep starts from the sweep's.
 */
public final class Sweep {
    public static final String WORKLOAD = "many_waits";
    public static final List<Integer> TASKS = List.of(10, 100, 1_000, 10_000);
    /** {@code -Dquick} stops here. */
    public static final int QUICK_MAX_TASKS = 1_000;
    public static final long WAIT_MS = 100;
    public static final List<String> WAITS = List.of("sleep", "tcp");
    /** The kinds of wait a runtime kind can do, where not all: a bare GraalJS Context has no sockets. */
    static final Map<String, List<String>> WAITS_BY_KIND = Map.of("graaljs", List.of("sleep"));
    /** The models swept, by runtime kind, where the runtime offers them. */
    public static final Map<String, List<String>> MODELS = models();
    /** A number of tasks whose sample is predicted to take longer than this is not measured. */
    static final double SAMPLE_BUDGET_S = 10;
    /**
     * What the sweep may spend sampling in a run, beside what claims measured (-Dsweep.budget=seconds): the 60 s
     * a full verify may grow by, less what a line costs beside its samples (starting runtimes, progress).
     */
    public static final double BUDGET_S = 50;
    public static final String BUDGET_PROPERTY = "sweep.budget";
    /** The tasks' memory must leave at least this share of what is available to everything else. */
    static final double MEMORY_SHARE = 0.5;
    /**
     * One sample's timeout: three times the budget a sample, so that only a heavy tail meets it (10,000 CPython threads
     * queueing for the GIL), which then stops the line for time without spending the run's minutes on it.
     */
    static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    /** The shortest timeout a sample is given, however little of the budget is left when it starts. */
    static final Duration MIN_SAMPLE_TIMEOUT = Duration.ofSeconds(5);
    private static final String LIMIT = "limit: ";
    private static final String TIME = "time budget";

    private static Map<String, List<String>> models() {
        Map<String, List<String>> models = new LinkedHashMap<>();
        models.put("java", List.of("platform-threads", "virtual-threads", "child-processes"));
        models.put("cpython", List.of("threading", "thread-pool", "asyncio", "multiprocessing-fork",
                "multiprocessing-forkserver"));
        models.put("node", List.of("event-loop", "worker-threads", "child-processes"));
        models.put("javet", List.of("event-loop", "worker-threads"));
        models.put("graaljs", List.of("contexts"));
        return models;
    }

    /** One line of the sweep: a runtime, one of its models, one kind of wait. */
    public record Plan(Runtime runtime, String model, String waitKind) {
        public String label() {
            return runtime.id() + " · " + model + " · " + waitKind;
        }
    }

    private final Measurer measurer;
    private final Consumer<String> progress;
    private final int maxTasks;
    private final double sampleBudgetSeconds;
    private Consumer<Results.Sweep> soFar = line -> { };

    public Sweep(Measurer measurer, boolean quick, Consumer<String> progress) {
        this(measurer, quick ? QUICK_MAX_TASKS : Integer.MAX_VALUE, SAMPLE_BUDGET_S, progress);
    }

    /** For tests: another largest number of tasks and another budget a sample. */
    Sweep(Measurer measurer, int maxTasks, double sampleBudgetSeconds, Consumer<String> progress) {
        this.measurer = measurer;
        this.progress = progress;
        this.maxTasks = maxTasks;
        this.sampleBudgetSeconds = sampleBudgetSeconds;
    }

    /**
     * Where each line goes as it stands after every point it measures (results.json, rewritten each time), a line
     * still being swept with the stop "unfinished": so a run interrupted mid-sweep keeps what it measured.
     */
    public Sweep soFar(Consumer<Results.Sweep> sink) {
        this.soFar = sink;
        return this;
    }

    /** The budget {@code -Dsweep.budget} gives, in seconds: {@link #BUDGET_S} when not given. */
    public static double budgetFrom(String property) {
        if (property == null || property.isBlank()) {
            return BUDGET_S;
        }
        try {
            double seconds = Double.parseDouble(property.strip());
            if (seconds >= 0 && !Double.isNaN(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("-D" + BUDGET_PROPERTY + " must be the seconds the sweep may spend sampling"
                + " (a number >= 0, e.g. -D" + BUDGET_PROPERTY + "=300), not \"" + property + "\"");
    }

    /** The lines of the sweep for the runtimes of one kind. */
    public static List<Plan> plans(List<Runtime> runtimes) {
        List<Plan> plans = new ArrayList<>();
        for (Runtime runtime : runtimes) {
            for (String model : MODELS.getOrDefault(runtime.kind(), List.of())) {
                for (String wait : WAITS_BY_KIND.getOrDefault(runtime.kind(), WAITS)) {
                    plans.add(new Plan(runtime, model, wait));
                }
            }
        }
        return plans;
    }

    /** The workload's parameters for {@code wait}, before the harness adds what it needs (the echo server's port). */
    public static Map<String, String> parameters(String wait) {
        return Map.of("wait", wait);
    }

    /** The series a claim about {@code tasks} tasks measures too: the same key, so the two share their samples. */
    public static Series series(Runtime runtime, String model, int tasks, Map<String, String> parameters) {
        return new Series(Series.TARGET, runtime, WORKLOAD, model, tasks, new WorkloadSize(tasks, WAIT_MS),
                new java.util.TreeMap<>(parameters));
    }

    /** What became of one line: how far it went, and the failure that ended it where that was no limit (else null). */
    public record Outcome(Results.Sweep swept, MeasurementException failure, double seconds) {
    }

    /** One line while it is swept. */
    private static final class Line {
        final Plan plan;
        final Map<String, String> parameters;
        final List<Results.SweepPoint> points = new ArrayList<>();
        Results.SweepStop stop;
        MeasurementException failure;
        MeasuredSample last;
        int lastTasks;
        int next;
        double seconds;

        Line(Plan plan, Map<String, String> parameters) {
            this.plan = plan;
            this.parameters = parameters;
        }

        boolean ended() {
            return stop != null || failure != null || next >= TASKS.size();
        }

        int tasks() {
            return TASKS.get(next);
        }
    }

    /**
     * Sweeps {@code plans} together within {@code budgetSeconds} of sampling, the cheapest next point first: every
     * line's 10 tasks, then whichever next number of tasks is predicted to take least (one a claim measured costs
     * nothing), and so on while the budget lasts. A line whose next point is predicted to take longer than what is left
     * stops there ("time budget"), as it does at a limit of the machine. So the budget goes first to the points that
     * tell most per second (models that reach 10,000), and a costly point of one model does not starve every other.
     * A failure that is no limit ends its own line only. The outcomes come in the order of {@code plans}.
     */
    public List<Outcome> runAll(List<Plan> plans, Function<Plan, Map<String, String>> parameters,
                                double budgetSeconds) {
        List<Line> lines = new ArrayList<>();
        for (Plan plan : plans) {
            Line line = new Line(plan, new java.util.TreeMap<>(parameters.apply(plan)));
            line.stop = notHere(plan);
            lines.add(line);
        }
        double left = budgetSeconds;
        while (true) {
            Line cheapest = null;
            double cheapestSeconds = Double.POSITIVE_INFINITY;
            for (Line line : lines) {
                if (line.ended()) {
                    continue;
                }
                if (line.tasks() > maxTasks) {
                    line.stop = new Results.SweepStop(line.tasks(), "quick", "-Dquick stops the sweep at "
                            + String.format(Locale.ROOT, "%,d", maxTasks) + " tasks");
                    continue;
                }
                double predicted = predictedSecondsOf(line);
                if (!(predicted < Double.MAX_VALUE)) {
                    predicted = Double.MAX_VALUE;  // unknown (NaN): still picked in its turn, and stopped for time
                }
                if (predicted < cheapestSeconds) {
                    cheapest = line;
                    cheapestSeconds = predicted;
                }
            }
            if (cheapest == null) {
                break;
            }
            int points = cheapest.points.size();
            double spent = step(cheapest, cheapestSeconds, left, budgetSeconds);
            cheapest.seconds += spent;
            left -= spent;
            if (cheapest.points.size() > points) {
                soFar.accept(summary(cheapest));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Line line : lines) {
            outcomes.add(new Outcome(summary(line), line.failure, line.seconds));
        }
        return outcomes;
    }

    /** A line as it stands: "failed" for a failure that is no limit, "unfinished" while it is still being swept. */
    private static Results.Sweep summary(Line line) {
        Results.SweepStop stop = line.failure != null
                ? new Results.SweepStop(line.tasks(), "failed", line.failure.getMessage())
                : line.stop != null || line.ended() ? line.stop
                : new Results.SweepStop(line.tasks(), "unfinished", "the run ended while this line was being swept");
        return SweepFigures.summarise(new Results.Sweep(line.plan.runtime().id(), line.plan.runtime().language(),
                line.plan.model(), WORKLOAD, line.plan.waitKind(), WAIT_MS, line.parameters, List.copyOf(line.points),
                stop, List.of(), null, null));
    }

    /** Why a plan's runtime cannot sweep it at all; null when it can. */
    private static Results.SweepStop notHere(Plan plan) {
        if (plan.runtime().unavailableReason().isPresent()) {
            return new Results.SweepStop(TASKS.getFirst(), "unavailable", plan.runtime().unavailableReason().get());
        }
        if (!plan.runtime().models().contains(plan.model())) {
            return new Results.SweepStop(TASKS.getFirst(), "not offered", plan.runtime().id() + " does not offer "
                    + plan.model() + plan.runtime().modelNotOfferedBecause(plan.model()).map(w -> ": " + w).orElse(""));
        }
        return null;
    }

    private Series seriesOf(Line line) {
        return series(line.plan.runtime(), line.plan.model(), line.tasks(), line.parameters);
    }

    /** The predicted seconds of a line's next point: none where a claim measured it, none known for the first. */
    private double predictedSecondsOf(Line line) {
        if (measurer.kept(seriesOf(line)) > 0 || line.last == null) {
            return 0;
        }
        return predictedSeconds(line.last, line.lastTasks, line.tasks());
    }

    /** Measures a line's next point, or stops the line there; the seconds it took. */
    private double step(Line line, double predicted, double left, double budget) {
        int tasks = line.tasks();
        Series series = seriesOf(line);
        int samples = measurer.kept(series);
        if (samples == 0) {
            // Not measured yet (by a claim at this number): only where the machine can be expected to hold it.
            line.stop = predictedStop(line.plan, tasks, line.last, line.lastTasks, predicted);
            if (line.stop == null && (left <= 0 || predicted > left)) {
                line.stop = new Results.SweepStop(tasks, TIME, line.last == null
                        ? String.format(Locale.ROOT, "the sweep's budget of %.0f s was spent before this line began"
                                + " (-D%s)", budget, BUDGET_PROPERTY)
                        : String.format(Locale.ROOT, "%,d tasks took %.1f s a sample; %,d would take about %.1f s,"
                                + " more than the %.1f s left of the sweep's %.0f s (-D%s)", line.lastTasks,
                        line.last.elapsedSeconds(), tasks, predicted, Math.max(0, left), budget, BUDGET_PROPERTY));
            }
            if (line.stop != null) {
                return 0;
            }
            samples = 1;
        }
        // A line's first number has nothing to predict from: it gets the whole timeout, and running out of it there
        // is a hang (ten tasks of any model end within seconds), a failure, not a stop for time.
        Duration timeout = line.last == null ? SAMPLE_TIMEOUT : sampleTimeout(predicted, left);
        long start = System.nanoTime();
        List<Results.Measurement> taken = new ArrayList<>();
        try {
            for (int s = 0; s < samples; s++) {
                progress.accept("sweep " + line.plan.label() + " — " + String.format(Locale.ROOT, "%,d", tasks)
                        + " tasks, sample " + (s + 1) + "/" + samples + (Double.isFinite(left)
                        ? String.format(Locale.ROOT, " (%.0f s of the budget left)", Math.max(0, left)) : ""));
                line.last = measurer.sampleAndKeep(series, s, timeout);
                taken.add(VerdictRecord.sample(line.last));
            }
        } catch (MeasurementException e) {
            line.stop = stopAt(tasks, e.getMessage());
            if (line.stop != null && line.stop.kind().equals(TIME) && line.last == null) {
                line.stop = null;
            }
            if (line.stop != null && line.stop.kind().equals(TIME) && timeout.compareTo(SAMPLE_TIMEOUT) < 0) {
                line.stop = new Results.SweepStop(tasks, TIME, String.format(Locale.ROOT, "the sample's timeout,"
                        + " %d s, came from the %.1f s left of the sweep's %.0f s (-D%s) and the %.1f s predicted: %s",
                        timeout.toSeconds(), Math.max(0, left), budget, BUDGET_PROPERTY, predicted,
                        line.stop.reason()));
            }
            if (line.stop == null) {
                line.failure = e;
            }
        }
        if (!taken.isEmpty()) {
            line.points.add(new Results.SweepPoint(tasks, taken));
        }
        line.lastTasks = tasks;
        if (!line.ended()) {
            line.next++;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * A sample's timeout: what is left of the budget, or twice the prediction where that is more (a prediction that
     * fits is not cut short by a little noise), between {@link #MIN_SAMPLE_TIMEOUT} and {@link #SAMPLE_TIMEOUT}. So a
     * model whose time grows faster than the linear prediction (CPython's threads queueing for the GIL) overruns the
     * budget by at most the prediction, not by a whole {@link #SAMPLE_TIMEOUT}.
     */
    static Duration sampleTimeout(double predictedSeconds, double leftSeconds) {
        double seconds = Math.max(leftSeconds, 2 * predictedSeconds);
        if (!(seconds < SAMPLE_TIMEOUT.toSeconds())) {
            return SAMPLE_TIMEOUT;  // NaN included
        }
        return Duration.ofSeconds(Math.max(MIN_SAMPLE_TIMEOUT.toSeconds(), (long) Math.ceil(seconds)));
    }

    /**
     * How long a sample of {@code tasks} would take: the tasks' own time (start-up and waits) grown in proportion,
     * the rest of the sample (a process started for it, the memory readings) as it was.
     */
    static double predictedSeconds(MeasuredSample last, int lastTasks, int tasks) {
        double tasksTime = SweepFigures.tasksWallSeconds(VerdictRecord.sample(last));
        if (!Double.isFinite(tasksTime) || tasksTime > last.elapsedSeconds()) {
            tasksTime = last.elapsedSeconds();
        }
        return last.elapsedSeconds() - tasksTime + tasksTime * tasks / lastTasks;
    }

    /** Why {@code tasks} should not be tried, predicted from the number before; null when it may be. */
    private Results.SweepStop predictedStop(Plan plan, int tasks, MeasuredSample last, int lastTasks,
                                                   double predictedSeconds) {
        if (last == null) {
            return null;
        }
        if (predictedSeconds > sampleBudgetSeconds) {
            return new Results.SweepStop(tasks, TIME, String.format(Locale.ROOT, "%,d tasks took %.1f s a"
                    + " sample; %,d would take about %.0f s, over the sweep's %.0f s a sample", lastTasks,
                    last.elapsedSeconds(), tasks, predictedSeconds, sampleBudgetSeconds));
        }
        double growth = SweepFigures.pssGrowthKiB(VerdictRecord.sample(last));
        OptionalLong available = Limits.memoryAvailableKiB();
        if (Double.isFinite(growth) && available.isPresent()
                && growth / lastTasks * tasks > MEMORY_SHARE * available.getAsLong()) {
            return new Results.SweepStop(tasks, "memory", String.format(Locale.ROOT, "%,d tasks took %.0f MiB more;"
                    + " %,d would take about %.1f GiB, over half of the %.1f GiB available", lastTasks, growth / 1024,
                    tasks, growth / lastTasks * tasks / (1024 * 1024), available.getAsLong() / (1024.0 * 1024)));
        }
        String kind = SweepFigures.isProcessModel(plan.model()) ? "processes" : "threads";
        OptionalLong now = Limits.tasksNow();
        for (String[] limit : new String[][]{{"the user's soft limit on tasks (ulimit -u)", "Max processes"},
                {"the kernel's pid_max", "kernel/pid_max"}, {"the kernel's threads-max", "kernel/threads-max"}}) {
            OptionalLong value = limit[1].startsWith("kernel/") ? Limits.kernel(limit[1]) : Limits.soft(limit[1]);
            if (now.isPresent() && value.isPresent() && now.getAsLong() + tasks > value.getAsLong()) {
                return new Results.SweepStop(tasks, kind, String.format(Locale.ROOT, "%,d more tasks beside the"
                        + " %,d the machine has would pass %s, %,d", tasks, now.getAsLong(), limit[0],
                        value.getAsLong()));
            }
        }
        return null;
    }

    /** The stop a failed sample means: a limit the workload names, or a hang; null for any other failure. */
    static Results.SweepStop stopAt(int tasks, String message) {
        int at = message.indexOf(LIMIT);
        if (at >= 0) {
            String rest = message.substring(at + LIMIT.length());
            int colon = rest.indexOf(':');
            return colon > 0 ? new Results.SweepStop(tasks, rest.substring(0, colon).strip(),
                    rest.substring(colon + 1).strip()) : new Results.SweepStop(tasks, "limit", rest);
        }
        if (MeasurementException.isTimeout(message)) {
            return new Results.SweepStop(tasks, TIME, message);
        }
        return null;
    }
}
