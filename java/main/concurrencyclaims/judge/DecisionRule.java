package concurrencyclaims.judge;

import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Stats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The one rule every measured verdict comes from. After each round (from the {@value #FIRST_LOOK}th on) it takes the
 * claim's per-round statistic, computes a confidence interval for its typical value, and decides: CONFIRMED when the
 * interval lies wholly on the claim's side of the bound, REFUTED when it lies wholly on the other side, otherwise
 * measure another round.
 *
 * <p>The interval is Student's t on the logarithm of the values (a ratio's noise is multiplicative: on the log scale
 * it is symmetric, and twice the bound mirrors half of it). Looking after every round would let noise decide far more
 * often than 5 %, so every look pays for itself out of the error budget α = {@value #ALPHA}: the first look spends
 * {@value #FIRST_LOOK_ALPHA} (a 97 % interval: a clear case is decided in three rounds), and the later looks the
 * claim's budget of rounds allows share {@value #LATER_LOOKS_ALPHA} equally (Bonferroni over looks; α-spending in the
 * sense of group sequential designs): with 8 rounds, 0.2 % a look, a 99.8 % interval. The last 1 % is a margin for
 * skewed noise, under which Student's t at three rounds decides more often than its level says (at a skewness of 2/3
 * on the log scale, with all of α spent, 4.4 % of 40 000 simulated claims on the bound ended decided, and one case of
 * DecisionRuleTest 5.75 % of its 2 000). A look the budget's seconds cut off spends nothing. A series whose true
 * value sits exactly on its bound therefore ends decided, either way, in at most 5 % of claims (DecisionRuleTest
 * simulates it). The budget of rounds is known before the first round, which is what lets the later looks spend more
 * than a rule for unlimited looks could (α·6/(π²k²) spends 0.08 % at the eighth).
 *
 * <p>A REFUTED that rests on timings also needs a quiet machine (a CONFIRMED does, where the claim is that
 * something takes long, {@link Statistic#loadConfirms()}): with other processes keeping more than
 * {@value #BUSY_CORES} cores busy in some round it becomes INCONCLUSIVE, since load slows a model down without saying
 * anything about it. Preconditions (the control showing parallelism) are guards, not claims: each look asks whether
 * their 95 % interval clears their bound before the claim's statistic, which still pays for its looks, may decide; a
 * failed one stops measuring at once. Facts are decided by their own exact rules.
 */
public final class DecisionRule {
    /** Total probability of a false decision, both sides together, over all looks. */
    public static final double ALPHA = 0.05;
    /** The share of {@link #ALPHA} the first look spends. */
    public static final double FIRST_LOOK_ALPHA = 0.03;
    /** The share of {@link #ALPHA} the later looks spend together. */
    public static final double LATER_LOOKS_ALPHA = 0.01;
    /** Rounds before the first look: fewer cannot estimate a spread. */
    public static final int FIRST_LOOK = 3;
    /**
     * Foreign load (in cores) above which a timing's shortfall is blamed on the machine, not the model. Half a core: an
     * interpreter's own start-up is counted as foreign (it precedes the work it times), a neighbour's load is more.
     */
    public static final double BUSY_CORES = 0.5;
    /** A statistic at or below zero (a thread's memory lost in the noise) counts as this little. */
    private static final double SMALLEST = 1e-9;

    private DecisionRule() {
    }

    /**
     * The share of α spent at look {@code look} (1, 2, ...) when the budget allows {@code maxRounds} rounds: the first
     * look's {@value #FIRST_LOOK_ALPHA}, and {@value #LATER_LOOKS_ALPHA} in equal shares over looks 2 to the last.
     */
    public static double alphaAtLook(int look, int maxRounds) {
        int looks = maxRounds - FIRST_LOOK + 1;
        if (look < 1 || look > looks) {
            throw new IllegalArgumentException("look " + look + " of " + looks + " (" + maxRounds + " rounds, the first"
                    + " look after " + FIRST_LOOK + ")");
        }
        return look == 1 ? FIRST_LOOK_ALPHA : LATER_LOOKS_ALPHA / (looks - 1);
    }

    /** The interval for the typical value of {@code values}, at the level of the look their count makes. */
    public static Estimate interval(double[] values, String unit, int maxRounds) {
        return interval(values, unit, alphaAtLook(values.length - FIRST_LOOK + 1, maxRounds));
    }

    /** The same interval at a fixed two-sided level of {@code 1 - alpha}. */
    static Estimate interval(double[] values, String unit, double alpha) {
        int n = values.length;
        if (n < FIRST_LOOK) {
            throw new IllegalArgumentException("the rule looks from " + FIRST_LOOK + " rounds on, got " + n);
        }
        double[] logs = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalStateException("the statistic is " + values[i] + " in round " + (i + 1)
                        + ": a figure it divides by was zero or missing");
            }
            logs[i] = Math.log(Math.max(SMALLEST, values[i]));
            mean += logs[i] / n;
        }
        double squares = 0;
        for (double log : logs) {
            squares += (log - mean) * (log - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = criticalT(n, alpha) * sd / Math.sqrt(n);
        return new Estimate(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), Stats.relativeSpread(values),
                n, unit, 1 - alpha);
    }

    /** Student's t quantile for a two-sided interval of {@code rounds} values at 1 - alpha; cached, it is asked often. */
    private static double criticalT(int rounds, double alpha) {
        return CRITICAL_T.computeIfAbsent(rounds + "/" + alpha, key -> new TDistribution(null, rounds - 1)
                .inverseCumulativeProbability(1 - alpha / 2));
    }

    private static final Map<String, Double> CRITICAL_T = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Where the claim stands after the rounds in {@code measurements}, as {@code assessment} reads them, in a budget of
     * {@code maxRounds} rounds.
     */
    public static Judgement judge(Assessment assessment, Measurements measurements, int maxRounds) {
        return switch (assessment) {
            case Assessment.Observed fact -> observed(fact, measurements.rounds());
            case Assessment.Measured measured -> measured(measured, measurements, maxRounds);
        };
    }

    private static Judgement observed(Assessment.Observed fact, int rounds) {
        Decision decision = new Decision(null, null, null, null, rounds, Decision.Stop.FACT);
        if (fact.outcome() == null) {
            return new Judgement(false, Verdict.of(Outcome.INCONCLUSIVE, fact.reason(), fact.numbers(),
                    fact.keyNumber(), decision));
        }
        return new Judgement(true, Verdict.of(fact.outcome(), fact.reason(), fact.numbers(), fact.keyNumber(),
                decision));
    }

    private static Judgement measured(Assessment.Measured claim, Measurements m, int maxRounds) {
        Statistic statistic = claim.statistic();
        Map<String, Estimate> numbers = new LinkedHashMap<>(claim.numbers());
        if (statistic.rounds() < FIRST_LOOK) {
            return new Judgement(false, Verdict.of(Outcome.INCONCLUSIVE, "only " + statistic.rounds() + " round(s)"
                    + " measured; the rule looks from " + FIRST_LOOK + " on: " + claim.facts(), numbers,
                    claim.keyNumber(), new Decision(statistic.name(), statistic.bound(), null, null,
                    statistic.rounds(), Decision.Stop.MAX_ROUNDS)));
        }
        Estimate interval = interval(statistic.perRound(), statistic.unit(), maxRounds);
        numbers.put(statistic.name(), interval);
        Decision decided = new Decision(statistic.name(), statistic.bound(),
                new double[] {interval.ciLow(), interval.ciHigh()}, interval.level(), statistic.rounds(),
                Decision.Stop.DECIDED);
        String facts = describe(statistic, interval) + ": " + claim.facts();
        for (Precondition precondition : claim.preconditions()) {
            Statistic needed = precondition.statistic();
            // A guard, not a claim: it only lets the claim's own statistic decide, which still pays for its looks.
            Estimate gate = interval(needed.perRound(), needed.unit(), ALPHA);
            numbers.put(needed.name(), gate);
            if (needed.bound().fails(gate.ciLow(), gate.ciHigh())) {
                return new Judgement(true, Verdict.of(Outcome.INCONCLUSIVE, precondition.whenFailed() + " ("
                        + describe(needed, gate) + ")" + busy(m) + "; " + facts, numbers, claim.keyNumber(),
                        decided.withStop(Decision.Stop.PRECONDITION)));
            }
            if (!needed.bound().holds(gate.ciLow(), gate.ciHigh())) {
                return new Judgement(false, Verdict.of(Outcome.INCONCLUSIVE, "not yet sure that "
                        + describe(needed, gate) + " holds, which the claim needs; " + facts, numbers,
                        claim.keyNumber(), decided.withStop(Decision.Stop.MAX_ROUNDS)));
            }
        }
        Bound bound = statistic.bound();
        boolean confirmed = bound.holds(interval.ciLow(), interval.ciHigh());
        if (confirmed || bound.fails(interval.ciLow(), interval.ciHigh())) {
            if (statistic.timing() && confirmed == statistic.loadConfirms() && m.peakForeignCores() > BUSY_CORES) {
                return new Judgement(true, Verdict.of(Outcome.INCONCLUSIVE, "would be " + (confirmed ? "CONFIRMED"
                        : "REFUTED") + ", but the machine was busy" + busy(m) + ", which slows a model down without"
                        + " saying anything about it; " + facts, numbers, claim.keyNumber(),
                        decided.withStop(Decision.Stop.BUSY)));
            }
            return new Judgement(true, Verdict.of(confirmed ? Outcome.CONFIRMED : Outcome.REFUTED, facts, numbers,
                    claim.keyNumber(), decided));
        }
        String lean = bound.holds(interval.median()) ? "CONFIRMED" : "REFUTED";
        return new Judgement(false, Verdict.of(Outcome.INCONCLUSIVE, "the interval still straddles the bound, leaning "
                + lean + "; " + facts, numbers, claim.keyNumber(), decided.withStop(Decision.Stop.MAX_ROUNDS)));
    }

    /** "ratio_to_control 0.97× (97% CI 0.93–1.01, 3 rounds), claim: > 0.75". */
    static String describe(Statistic statistic, Estimate interval) {
        return statistic.name() + " " + Stats.format(interval.median()) + statistic.unit() + " ("
                + interval.levelText() + " CI " + Stats.format(interval.ciLow()) + "–" + Stats.format(interval.ciHigh())
                + ", " + interval.n() + " rounds), claim " + statistic.bound();
    }

    static String busy(Measurements m) {
        return m.peakForeignCores() > BUSY_CORES
                ? " (other processes, or other virtual machines through steal, kept up to "
                + Stats.format(m.peakForeignCores()) + " cores busy)" : "";
    }
}
