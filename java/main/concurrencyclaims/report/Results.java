package concurrencyclaims.report;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import concurrencyclaims.judge.Outcome;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One results.json, and its schema: the harness writes these records ({@code results.RunResults}) and the reports
 * read them back ({@link ResultsReader}), both through {@link ResultsJson}, so writer and reader cannot drift apart.
 * In the file each component is its name in snake_case unless annotated; {@link Required} ones must be there; a number
 * the harness could not tell is NaN here and null in the file. Absent text reads as "" and absent lists as empty, so
 * a report never meets a null. Kept apart from the harness's own classes so a report can be rendered from a file
 * written by an older or newer harness.
 *
 * @param source where the file was read from; not in the file
 * @param label  a short name for this run in comparisons (file name or run folder, see {@link ResultsReader}); not in
 *               the file
 */
@JsonPropertyOrder({"schema", "run", "environment", "verdicts", "sweeps", "warnings", "benchmarks"})
public record Results(@JsonIgnore Path source, @JsonIgnore String label, @Required Run run,
                      @Required Environment environment, @Required List<Verdict> verdicts, List<Sweep> sweeps,
                      List<String> warnings, List<Benchmark> benchmarks) {

    /**
     * Version 2: written from these records. Its layout is version 1's; what changed is that a claim always has
     * {@code runtimes} (the first harness's files name one {@code runtime} and its {@code models}), a Python runtime's
     * details say whether it compiles ({@code jit}), and a number not known is null.
     */
    public static final String SCHEMA = "concurrency-claims/results/2";
    /** Still read: {@link ResultsReader} brings it up to {@link #SCHEMA}. */
    public static final String SCHEMA_1 = "concurrency-claims/results/1";

    public Results {
        verdicts = listOf(verdicts);
        sweeps = listOf(sweeps);
        warnings = listOf(warnings);
        benchmarks = listOf(benchmarks);
    }

    /** What a written file says it is: these records are always the current version. */
    @JsonProperty("schema")
    public String schema() {
        return SCHEMA;
    }

    /** The same run, as read from {@code file}. */
    Results from(Path file, String label) {
        return new Results(file, label, run, environment, verdicts, sweeps, warnings, benchmarks);
    }

    public Results withBenchmarks(List<Benchmark> benchmarks) {
        return new Results(source, label, run, environment, verdicts, sweeps, warnings, benchmarks);
    }

    public Optional<RuntimeInfo> runtime(String id) {
        return environment.runtimes().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * A field the file must have, not null: reading fails naming it otherwise. (A component that renames itself with
     * its own {@code @JsonProperty} says {@code required = true} and {@code @JsonSetter(nulls = FAIL)} there instead:
     * Jackson lets the direct annotation win.)
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @JacksonAnnotationsInside
    @JsonProperty(required = true)
    @JsonSetter(nulls = Nulls.FAIL)
    public @interface Required {
    }

    /** Figures a benchmark (exec:exec@js-runtimes, @harness-overhead) attached to the run; asserted by nobody. */
    public record Benchmark(@Required String name, String about, String when, @Required Map<String, Double> figures) {
        public Benchmark {
            about = textOf(about);
            when = textOf(when);
            figures = mapOf(figures);
        }
    }

    /**
     * One model's concurrency sweep: a waiting workload at a growing number of concurrent tasks, one point per number
     * that was measured, up to where the model stopped ({@code stop}: the limit, budget or failure, at which number),
     * with the growth laws fitted to the samples (cost = a + b·N) and the largest numbers of tasks whose waits still
     * overlapped. Written by the harness (concurrencyclaims.sweep), absent from files of runs without one.
     */
    @JsonPropertyOrder({"runtime", "language", "model", "workload", "wait", "wait_ms", "parameters", "points", "stop",
            "fits", "waits_overlap_tasks", "wall_overlap_tasks"})
    public record Sweep(@Required String runtime, String language, @Required String model, String workload,
                        @JsonProperty(value = "wait", required = true) @JsonSetter(nulls = Nulls.FAIL) String waitKind,
                        double waitMs,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> parameters,
                        @Required List<SweepPoint> points, @JsonInclude(JsonInclude.Include.NON_NULL) SweepStop stop,
                        List<Fit> fits, @JsonInclude(JsonInclude.Include.NON_NULL) Integer waitsOverlapTasks,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer wallOverlapTasks) {
        public Sweep {
            language = textOf(language);
            workload = textOf(workload);
            parameters = mapOf(parameters);
            points = listOf(points);
            fits = listOf(fits);
        }

        public Optional<Fit> fit(String metric) {
            return fits.stream().filter(f -> f.metric().equals(metric)).findFirst();
        }
    }

    /** The samples at one number of concurrent tasks. */
    public record SweepPoint(@Required int tasks, @Required List<Measurement> samples) {
        public SweepPoint {
            samples = listOf(samples);
        }
    }

    /**
     * Where a sweep stopped: at {@code tasks} (the first number it did not measure, or could not), why in one of a few
     * kinds ({@code threads}, {@code processes}, {@code file descriptors}, {@code memory} for a limit of the machine,
     * {@code time budget}, {@code end} of the sweep's numbers is no stop and not written, {@code not offered}), and the
     * reason in words, the runtime's own error text where it failed.
     */
    public record SweepStop(@Required int tasks, @Required String kind, String reason) {
        public SweepStop {
            reason = textOf(reason);
        }
    }

    /**
     * A growth law fitted by least squares to every sample of a sweep: {@code metric} = intercept + slope · tasks, with
     * a 95 % interval for the slope (NaN with fewer than three samples or one number of tasks). The slope itself is NaN,
     * null in the file, where the sweep measured one number of tasks: it is not required.
     */
    @JsonPropertyOrder({"metric", "unit", "intercept", "slope", "slope_low", "slope_high", "samples", "r_squared"})
    public record Fit(@Required String metric, String unit, double intercept, double slope, double slopeLow,
                      double slopeHigh, int samples, double rSquared) {
        public Fit {
            unit = textOf(unit);
        }
    }

    /** {@code finished} and {@code seconds} are not known until the run ends: "" and NaN until then. */
    public record Run(@Required String id, String started, String finished, String mode, double seconds) {
        public Run {
            started = textOf(started);
            finished = textOf(finished);
            mode = textOf(mode);
        }
    }

    /**
     * The machine the run measured on; {@code settings} and {@code stealShare} (the hypervisor's share of this
     * machine's CPU time during the run) are absent from files of older harnesses.
     */
    @JsonPropertyOrder({"cpu_model", "cores_online", "cores_available", "memory_mib", "os", "jdk", "load_before",
            "runtimes", "settings", "steal_share", "load_after"})
    public record Environment(String cpuModel, int coresOnline, int coresAvailable, long memoryMib, String os,
                              String jdk, List<Double> loadBefore, List<Double> loadAfter,
                              @Required List<RuntimeInfo> runtimes, Settings settings, double stealShare) {
        public Environment {
            cpuModel = cpuModel == null ? "unknown CPU" : cpuModel;
            os = os == null ? "unknown OS" : os;
            jdk = jdk == null ? "unknown JDK" : jdk;
            loadBefore = listOf(loadBefore);
            loadAfter = listOf(loadAfter);
            runtimes = listOf(runtimes);
        }
    }

    /** The run's budget per claim and its decision rule (judge.DecisionRule). */
    public record Settings(int warmups, int maxRounds, double maxSeconds, double targetSeconds,
                           DecisionRule decisionRule) {
    }

    /** {@code interval}: how the rule's interval is made, in words. */
    public record DecisionRule(double alpha, int firstLook, double firstLookAlpha, double laterLooksAlpha,
                               String interval) {
    }

    /**
     * A runtime of the run, available or not ({@code reason} says why not). {@code details} are what it said about
     * itself, as JSON gives them (text, numbers, true/false, null, lists, maps): its version; for a Python
     * interpreter also {@code implementation}, {@code gil_enabled} and {@code jit}, null where it cannot tell.
     */
    public record RuntimeInfo(@Required String id, String kind, String language, @Required boolean available,
                              String reason, Map<String, Object> details) {
        public RuntimeInfo {
            kind = textOf(kind);
            language = textOf(language);
            details = mapOf(details);
        }

        public String version() {
            Object version = details.get("version");
            return version == null ? "" : version.toString();
        }

        /**
         * The version, and for a Python interpreter its implementation and whether it has the GIL, e.g.
         * {@code CPython 3.13.5, GIL off}: what a claim about the GIL depends on.
         */
        public String versionAndTraits() {
            Object implementation = details.get("implementation");
            if (!language.equals("python") || implementation == null) {
                return version();
            }
            return implementation + " " + version() + switch (details.get("gil_enabled")) {
                case Boolean on when on -> ", GIL on";
                case Boolean off -> ", GIL off";
                case null, default -> "";
            };
        }
    }

    /** Where a claim's sentence comes from. */
    public record Source(String document, String section, String url) {
        public Source {
            document = textOf(document);
            section = textOf(section);
            url = textOf(url);
        }
    }

    /**
     * A claim as the run judged it: the catalog's entry ({@code catalog.Claim}), its assertion and requirements as
     * the claim file gave them. {@code runtimes}: each runtime kind the claim is judged on, with its models.
     */
    public record Claim(@Required String id, @Required String quote, Source source, String note, String workload,
                        Map<String, List<String>> runtimes, Integer workers, Long iterations, Integer units,
                        Double minSeconds, Map<String, String> parameters, Map<String, Object> assertion,
                        String boundSource, Requires requires) {
        public Claim {
            source = source == null ? new Source(null, null, null) : source;
            workload = textOf(workload);
            runtimes = mapOf(runtimes);
            parameters = mapOf(parameters);
            assertion = mapOf(assertion);
        }

        public String document() {
            return source.document();
        }

        public String section() {
            return source.section();
        }

        public String url() {
            return source.url();
        }
    }

    /** Which Python interpreters a claim is about; null where it does not say. */
    public record Requires(Boolean gil, String python, String implementation) {
    }

    /**
     * A judged number: median with its confidence interval at {@code level} (NaN when the harness gave none), the
     * relative spread of the {@code n} values it summarises. In the file it is the value of its {@code metric}.
     */
    @JsonPropertyOrder({"median", "ci_low", "ci_high", "level", "unit", "spread", "n"})
    public record Estimate(@JsonIgnore String metric, @Required double median, double ciLow, double ciHigh,
                           String unit, double level, double spread, int n) {
        public Estimate {
            unit = textOf(unit);
        }

        public boolean hasInterval() {
            return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
        }

        Estimate named(String metric) {
            return new Estimate(metric, median, ciLow, ciHigh, unit, level, spread, n);
        }
    }

    /**
     * How the verdict was reached: the statistic, its bound ({@code [b]} or {@code [low, high]}; one number in the
     * file) and side, the interval at the last look and its level, the rounds measured and why measuring stopped.
     * Facts have no bound, interval or level.
     */
    public record Decision(String statistic,
                           @JsonFormat(with = {JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                                   JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED}) List<Double> bound,
                           String side, List<Double> interval, double level, @Required int rounds,
                           @Required String stopped) {
        public Decision {
            bound = listOf(bound);
            interval = listOf(interval);
        }
    }

    /**
     * {@code decision} is null in files written before the harness recorded it; {@code keyNumber} names the number a
     * report shows in the matrix cell (the first when the file names none).
     */
    public record Verdict(@Required Claim claim, @Required String runtime, String language, String model,
                          @Required Outcome outcome, String reason,
                          @JsonSerialize(converter = NumbersToJson.class)
                          @JsonDeserialize(converter = NumbersFromJson.class) List<Estimate> numbers,
                          String keyNumber, Decision decision, double seconds, List<String> warnings,
                          List<Series> series) {
        public Verdict {
            language = textOf(language);
            model = textOf(model);
            reason = textOf(reason);
            numbers = listOf(numbers);
            keyNumber = keyNumber != null ? keyNumber : numbers.isEmpty() ? "" : numbers.getFirst().metric();
            warnings = listOf(warnings);
            series = listOf(series);
        }

        public Optional<Estimate> key() {
            return numbers.stream().filter(n -> n.metric().equals(keyNumber)).findFirst()
                    .or(() -> numbers.stream().findFirst());
        }
    }

    /** In the file, numbers are an object of estimates by metric, in the order they were judged. */
    static final class NumbersToJson extends StdConverter<List<Estimate>, Map<String, Estimate>> {
        @Override
        public Map<String, Estimate> convert(List<Estimate> numbers) {
            Map<String, Estimate> byMetric = new LinkedHashMap<>();
            numbers.forEach(n -> byMetric.put(n.metric(), n));
            return byMetric;
        }
    }

    static final class NumbersFromJson extends StdConverter<LinkedHashMap<String, Estimate>, List<Estimate>> {
        @Override
        public List<Estimate> convert(LinkedHashMap<String, Estimate> byMetric) {
            List<Estimate> numbers = new ArrayList<>();
            byMetric.forEach((metric, n) -> numbers.add(n.named(metric)));
            return numbers;
        }
    }

    /**
     * The samples of one series. {@code parameters} go to the workload as they are; {@code checksumReference} names
     * the runtime whose result each checksum was checked against.
     */
    @JsonPropertyOrder({"role", "runtime", "model", "workers", "workload", "units", "iterations", "parameters",
            "checksum_reference", "samples"})
    public record Series(@Required String role, @Required String runtime, @Required String model,
                         @Required int workers, String workload, long units, long iterations,
                         @Required List<Measurement> samples,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> parameters,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String checksumReference) {
        public Series {
            workload = textOf(workload);
            samples = listOf(samples);
            parameters = mapOf(parameters);
        }

        /** The samples that count: warm-up rounds are kept in the file but never enter a statistic. */
        public List<Measurement> measured() {
            return samples.stream().filter(s -> !s.warmup() && !s.retaken()).toList();
        }
    }

    /**
     * One raw sample; peak RSS, foreign CPU and this JVM's CPU meanwhile are NaN when the runtime could not tell.
     * {@code elapsedSeconds} is how long the harness waited for it, start-up included; {@code details} are the
     * runtime's and the workload's own figures.
     */
    @JsonPropertyOrder({"round", "warmup", "retaken", "wall_s", "cpu_s", "checksum", "peak_rss_kib", "elapsed_s",
            "foreign_cpu_s", "jvm_cpu_s", "details"})
    public record Measurement(int round, boolean warmup,
                              @JsonProperty(value = "wall_s", required = true) @JsonSetter(nulls = Nulls.FAIL)
                              double wallSeconds,
                              @JsonProperty("cpu_s") double cpuSeconds,
                              @JsonProperty("peak_rss_kib") double peakRssKiB,
                              @JsonProperty("foreign_cpu_s") double foreignCpuSeconds,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean retaken, long checksum,
                              @JsonProperty("elapsed_s") double elapsedSeconds,
                              @JsonProperty("jvm_cpu_s") double jvmCpuSeconds, Map<String, Object> details) {
        public Measurement {
            details = mapOf(details);
        }
    }

    private static String textOf(String text) {
        return text == null ? "" : text;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Keeps the file's order and its null values (a detail nobody could tell). */
    private static <K, V> Map<K, V> mapOf(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
