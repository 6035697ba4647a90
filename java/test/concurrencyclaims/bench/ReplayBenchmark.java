package concurrencyclaims.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.catalog.Catalog;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.Assessment;
import concurrencyclaims.judge.DecisionRule;
import concurrencyclaims.judge.Judgement;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.judge.PlanContext;
import concurrencyclaims.judge.Precondition;
import concurrencyclaims.judge.Statistic;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import concurrencyclaims.measure.Stats;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Benchmark, prints figures and asserts nothing: replays the per-round samples of a results.json through the fixed
 * rule the suite used before (5 rounds after a warm-up; the median's 95 % bootstrap interval must clear the bound,
 * else measure again, up to 3 attempts; a REFUTED measured once more) and through the sequential rule it uses now
 * ({@link DecisionRule}, looking after every round from the third), with the claims as {@code suites/} defines them
 * today. Per verdict it prints the rounds each rule needs and the verdict each reaches on the recorded rounds; at the
 * end the median rounds per decided verdict and their ratio.
 *
 * <p>A recorded verdict holds only the rounds its run measured: a rule that needs more than that is replayed on what
 * there is and marked {@code *} (its verdict is then a lower bound on its rounds). Run:
 * <pre>mvn -q test-compile exec:exec@replay -Dreplay.args="reports/latest/results.json [more.json ...]"</pre>
 */
public final class ReplayBenchmark {
    /** The fixed rule of the suite before the sequential one: rounds per attempt and attempts. */
    static final int FIXED_ROUNDS = 5;
    static final int FIXED_ATTEMPTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayBenchmark() {
    }

    /** One replayed verdict: rounds and outcome under each rule, and whether the record ran out of rounds. */
    record Replay(String label, String recorded, int fixedRounds, Outcome fixed, boolean fixedShort, int newRounds,
                  Outcome sequential, boolean newShort) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        if (args.length == 0) {
            System.err.println("usage: replay <results.json> [more results.json ...]");
            System.exit(2);
        }
        Map<String, Claim> claims = new HashMap<>();
        Catalog.load(root.resolve("suites"), root).claims().forEach(c -> claims.put(c.id(), c));
        List<Replay> all = new ArrayList<>();
        for (String arg : args) {
            Path file = Path.of(arg);
            JsonNode results = JSON.readTree(Files.readString(file));
            int cores = results.path("environment").path("cores_available").asInt(2);
            int maxRounds = results.path("environment").path("settings").path("max_rounds").asInt(8);
            Map<String, String> kinds = new HashMap<>();
            results.path("environment").path("runtimes").forEach(r -> kinds.put(r.path("id").asText(),
                    r.path("kind").asText()));
            System.out.printf(Locale.ROOT, "%n%s (%s run, %d verdicts)%n", file, results.path("run").path("mode")
                    .asText("?"), results.path("verdicts").size());
            System.out.printf(Locale.ROOT, "%-72s %-13s %-17s %-17s%n", "claim · runtime · model", "recorded",
                    "fixed rule", "sequential rule");
            for (JsonNode verdict : results.path("verdicts")) {
                Claim claim = claims.get(verdict.path("claim").path("id").asText());
                if (claim == null || verdict.path("series").isEmpty()) {
                    continue;  // a claim suites/ no longer has, or nothing was measured (unavailable, too few CPUs)
                }
                Replay r;
                try {
                    r = replay(claim, verdict, cores, kinds.getOrDefault(verdict.path("runtime").asText(), ""),
                            maxRounds);
                } catch (IllegalStateException e) {
                    // An older run measured other series for this claim than suites/ asks for today.
                    skipped++;
                    continue;
                }
                all.add(r);
                System.out.printf(Locale.ROOT, "%-72s %-13s %-17s %-17s%n", abbreviate(r.label(), 72), r.recorded(),
                        r.fixed() + " " + r.fixedRounds() + (r.fixedShort() ? "*" : ""),
                        r.sequential() + " " + r.newRounds() + (r.newShort() ? "*" : ""));
            }
        }
        if (skipped > 0) {
            System.out.println("(" + skipped + " verdicts skipped: their run did not measure the series the claim needs"
                    + " today)");
        }
        summarise(all);
    }

    private static int skipped;

    private static void summarise(List<Replay> all) {
        double fixed = medianRounds(all.stream().filter(r -> decided(r.fixed())).mapToInt(Replay::fixedRounds).toArray());
        double sequential = medianRounds(all.stream().filter(r -> decided(r.sequential()))
                .mapToInt(Replay::newRounds).toArray());
        long agree = all.stream().filter(r -> r.fixed() == r.sequential()).count();
        long flips = all.stream().filter(r -> decided(r.fixed()) && decided(r.sequential())
                && r.fixed() != r.sequential()).count();
        System.out.printf(Locale.ROOT, "%n%d verdicts replayed; median rounds per decided verdict: fixed rule %s, "
                        + "sequential rule %s (ratio %s); same verdict in %d, CONFIRMED against REFUTED in %d%n",
                all.size(), Stats.format(fixed), Stats.format(sequential), Stats.format(sequential / fixed), agree, flips);
        System.out.printf(Locale.ROOT, "INCONCLUSIVE: fixed rule %d, sequential rule %d%n",
                all.stream().filter(r -> r.fixed() == Outcome.INCONCLUSIVE).count(),
                all.stream().filter(r -> r.sequential() == Outcome.INCONCLUSIVE).count());
    }

    private static boolean decided(Outcome o) {
        return o == Outcome.CONFIRMED || o == Outcome.REFUTED;
    }

    private static double medianRounds(int[] rounds) {
        return rounds.length == 0 ? Double.NaN : Stats.median(Arrays.stream(rounds).asDoubleStream().toArray());
    }

    static Replay replay(Claim claim, JsonNode verdict, int cores, String kind, int maxRounds) {
        String model = verdict.path("model").asText();
        RecordedRuntime runtime = new RecordedRuntime(verdict.path("runtime").asText(), kind);
        RecordedRuntime control = new RecordedRuntime("java", "java");
        Map<String, WorkloadSize> sizes = new HashMap<>();
        Map<String, List<MeasuredSample>> byRole = new LinkedHashMap<>();
        Map<String, Series> seriesByRole = new LinkedHashMap<>();
        for (JsonNode s : verdict.path("series")) {
            String role = s.path("role").asText();
            RecordedRuntime on = s.path("runtime").asText().equals(runtime.id()) ? runtime : control;
            WorkloadSize size = new WorkloadSize(s.path("units").asInt(12), s.path("iterations").asLong());
            sizes.putIfAbsent(on.id(), size);
            Map<String, String> parameters = new TreeMap<>();
            s.path("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
            seriesByRole.put(role, new Series(role, on, s.path("workload").asText(), s.path("model").asText(),
                    s.path("workers").asInt(), size, parameters));
            List<MeasuredSample> samples = new ArrayList<>();
            for (JsonNode x : s.path("samples")) {
                if (x.path("warmup").asBoolean(false) || x.path("retaken").asBoolean(false)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> details = JSON.convertValue(x.path("details"), LinkedHashMap.class);
                Sample sample = new Sample(x.path("wall_s").asDouble(), x.path("cpu_s").asDouble(),
                        x.path("checksum").asLong(), x.path("peak_rss_kib").asLong(-1), details);
                samples.add(new MeasuredSample(x.path("round").asInt(), false, sample, x.path("elapsed_s").asDouble(),
                        x.path("foreign_cpu_s").asDouble()));
            }
            byRole.put(role, samples);
        }
        PlanContext plan = new PlanContext(claim, runtime, model, control, cores,
                r -> sizes.getOrDefault(r.id(), sizes.values().iterator().next()), claim.parameters());
        int available = byRole.values().stream().mapToInt(List::size).min().orElse(0);
        String label = claim.id() + " · " + runtime.id() + " · " + model;
        String recorded = verdict.path("outcome").asText();

        // The sequential rule: look after every round from the third until it settles.
        Outcome sequential = Outcome.INCONCLUSIVE;
        int newRounds = available;
        boolean newShort = true;
        for (int n = DecisionRule.FIRST_LOOK; n <= available; n++) {
            Judgement j = DecisionRule.judge(claim.assertion().assess(prefix(seriesByRole, byRole, 0, n), plan),
                    prefix(seriesByRole, byRole, 0, n), Math.max(maxRounds, available));
            if (j.settled()) {
                sequential = j.verdict().outcome();
                newRounds = n;
                newShort = false;
                break;
            }
        }
        if (available < DecisionRule.FIRST_LOOK) {
            newRounds = DecisionRule.FIRST_LOOK;
        }

        // The fixed rule: attempts of FIXED_ROUNDS, the next attempt when INCONCLUSIVE, a REFUTED measured again.
        Outcome fixed = Outcome.INCONCLUSIVE;
        int fixedRounds = 0;
        boolean fixedShort = false;
        Outcome firstRefutation = null;
        for (int attempt = 0; attempt < FIXED_ATTEMPTS + 1; attempt++) {
            int from = Math.min(attempt * FIXED_ROUNDS, Math.max(0, available - FIXED_ROUNDS));
            int to = Math.min(available, from + FIXED_ROUNDS);
            fixedShort |= (attempt + 1) * FIXED_ROUNDS > available;
            fixedRounds += FIXED_ROUNDS;
            Outcome o = fixedRule(claim, plan, prefix(seriesByRole, byRole, from, to));
            if (o == Outcome.REFUTED && firstRefutation == null) {
                firstRefutation = o;
                continue;
            }
            if (firstRefutation != null) {
                fixed = o == Outcome.REFUTED ? Outcome.REFUTED : Outcome.INCONCLUSIVE;
                break;
            }
            fixed = o;
            if (o != Outcome.INCONCLUSIVE || attempt + 1 >= FIXED_ATTEMPTS) {
                break;
            }
        }
        return new Replay(label, recorded, fixedRounds, fixed, fixedShort, newRounds, sequential, newShort);
    }

    /** The old rule on one attempt's rounds: the median's 95 % bootstrap interval against the bound. */
    static Outcome fixedRule(Claim claim, PlanContext plan, Measurements m) {
        if (m.rounds() == 0) {
            return Outcome.INCONCLUSIVE;
        }
        Assessment a = claim.assertion().assess(m, plan);
        if (a instanceof Assessment.Observed fact) {
            return fact.outcome() == null ? Outcome.INCONCLUSIVE : fact.outcome();
        }
        Assessment.Measured measured = (Assessment.Measured) a;
        for (Precondition p : measured.preconditions()) {
            if (!holdsByMedian(p.statistic())) {
                return Outcome.INCONCLUSIVE;  // the old gates looked at the control's median
            }
        }
        Statistic s = measured.statistic();
        Estimate e = Stats.estimate(s.perRound(), s.unit());
        if (s.bound().holds(e.ciLow(), e.ciHigh())) {
            return Outcome.CONFIRMED;
        }
        if (s.bound().fails(e.ciLow(), e.ciHigh())) {
            return Outcome.REFUTED;
        }
        return Outcome.INCONCLUSIVE;
    }

    private static boolean holdsByMedian(Statistic s) {
        double median = Stats.median(s.perRound());
        return s.bound().holds(median, median);
    }

    /** Rounds {@code [from, to)} of every series, as if only they had been measured. */
    private static Measurements prefix(Map<String, Series> series, Map<String, List<MeasuredSample>> samples, int from,
                                       int to) {
        Measurements m = new Measurements();
        series.forEach((role, s) -> samples.get(role).subList(Math.min(from, samples.get(role).size()),
                Math.min(to, samples.get(role).size())).forEach(x -> m.add(s, x)));
        return m;
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** A runtime as a results.json names it: enough for series and plans, never run. */
    private record RecordedRuntime(String id, String kind) implements Runtime {
        @Override
        public String language() {
            return "";
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public List<String> models() {
            return List.of();
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of();
        }

        @Override
        public Sample run(Job job) {
            throw new UnsupportedOperationException("a recorded runtime only replays");
        }
    }
}
