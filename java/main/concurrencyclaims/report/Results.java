package concurrencyclaims.report;

import concurrencyclaims.judge.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One results.json as the reports see it: read-only, every list in file order. Kept apart from the harness's own
 * classes so a report can be rendered from a file written by an older or newer harness.
 *
 * @param label a short name for this run in comparisons (file name or run folder, see {@link ResultsReader})
 */
public record Results(Path source, String label, Run run, Environment environment, List<Verdict> verdicts,
                      List<String> warnings, List<Benchmark> benchmarks) {

    /** Figures a benchmark (exec:exec@js-runtimes, @harness-overhead) attached to the run; asserted by nobody. */
    public record Benchmark(String name, String about, String when, Map<String, Double> figures) {
    }

    public record Run(String id, String started, String finished, String mode, double seconds) {
    }

    public record Environment(String cpuModel, int coresOnline, int coresAvailable, long memoryMib, String os,
                              String jdk, List<Double> loadBefore, List<Double> loadAfter,
                              List<RuntimeInfo> runtimes) {
    }

    public record RuntimeInfo(String id, String kind, String language, boolean available, String reason,
                              Map<String, Object> details) {
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
            Object gil = details.get("gil_enabled");
            if (!language.equals("python") || implementation == null) {
                return version();
            }
            // Details are read back as text: "true", "false" or "null" (unknown).
            String gilText = String.valueOf(gil);
            return implementation + " " + version() + switch (gilText) {
                case "true" -> ", GIL on";
                case "false" -> ", GIL off";
                default -> "";
            };
        }
    }

    /** {@code runtimes}: each runtime kind the claim is judged on, with its models. */
    public record Claim(String id, String quote, String document, String section, String url, String workload,
                        Map<String, List<String>> runtimes, Integer workers) {
    }

    /** A judged number: median with its 95% confidence interval (NaN when the harness gave none). */
    public record Estimate(String metric, double median, double ciLow, double ciHigh, String unit) {
        public boolean hasInterval() {
            return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
        }
    }

    /**
     * How the verdict was reached: the statistic, its bound ({@code [b]} or {@code [low, high]}) and side, the
     * interval at the last look and its level, the rounds measured and why measuring stopped. Facts have no bound.
     */
    public record Decision(String statistic, List<Double> bound, String side, List<Double> interval, double level,
                           int rounds, String stopped) {
    }

    /** {@code decision} is null in files written before the harness recorded it. */
    public record Verdict(Claim claim, String runtime, String language, String model, Outcome outcome, String reason,
                          List<Estimate> numbers, String keyNumber, Decision decision, double seconds,
                          List<String> warnings, List<Series> series) {
        public Optional<Estimate> key() {
            return numbers.stream().filter(n -> n.metric().equals(keyNumber)).findFirst()
                    .or(() -> numbers.stream().findFirst());
        }
    }

    public record Series(String role, String runtime, String model, int workers, String workload, long units,
                         long iterations, List<Measurement> samples) {
        /** The samples that count: warm-up rounds are kept in the file but never enter a statistic. */
        public List<Measurement> measured() {
            return samples.stream().filter(s -> !s.warmup() && !s.retaken()).toList();
        }
    }

    /** One raw sample; peak RSS and foreign CPU are NaN when the runtime could not tell. */
    public record Measurement(int round, boolean warmup, double wallSeconds, double cpuSeconds, double peakRssKiB,
                              double foreignCpuSeconds, boolean retaken) {
    }

    public Optional<RuntimeInfo> runtime(String id) {
        return environment.runtimes().stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
