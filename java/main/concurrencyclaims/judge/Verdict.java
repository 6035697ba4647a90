package concurrencyclaims.judge;

import concurrencyclaims.measure.Estimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The judgement of one claim for one runtime and model: the outcome, a one-line reason with the deciding numbers,
 * every number worth reporting, and how the decision was reached. {@code keyNumber} names the number a report shows
 * in the matrix cell.
 */
public record Verdict(Outcome outcome, String reason, Map<String, Estimate> numbers, String keyNumber,
                      List<String> warnings, Decision decision) {

    public Verdict {
        numbers = numbers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static Verdict of(Outcome outcome, String reason, Map<String, Estimate> numbers, String keyNumber,
                             Decision decision) {
        return new Verdict(outcome, reason, numbers, keyNumber, List.of(), decision);
    }

    /** A claim that cannot be judged here at all; nothing was measured. */
    public static Verdict unavailable(String reason) {
        return new Verdict(Outcome.UNAVAILABLE, reason, Map.of(), null, List.of(),
                Decision.notMeasured(Decision.Stop.NOT_MEASURED));
    }

    /** A claim that no measurement could decide on this machine (fewer CPUs than workers); nothing was measured. */
    public static Verdict notMeasured(String reason) {
        return new Verdict(Outcome.INCONCLUSIVE, reason, Map.of(), null, List.of(),
                Decision.notMeasured(Decision.Stop.NOT_MEASURED));
    }

    public Verdict withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Verdict(outcome, reason, numbers, keyNumber, all, decision);
    }

    /** The same numbers, stopped for another reason: an undecided statistic at the end of its budget. */
    public Verdict stopped(Decision.Stop why, String reasonPrefix) {
        return new Verdict(outcome, reasonPrefix + reason, numbers, keyNumber, warnings,
                decision == null ? null : decision.withStop(why));
    }
}
