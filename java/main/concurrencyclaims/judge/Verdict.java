package concurrencyclaims.judge;

import concurrencyclaims.measure.Estimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The judgement of one claim for one runtime and model: the outcome, a one-line reason with the deciding numbers, and
 * every number worth reporting. {@code keyNumber} names the one a report shows in the matrix cell.
 */
public record Verdict(Outcome outcome, String reason, Map<String, Estimate> numbers, String keyNumber,
                      List<String> warnings) {

    public Verdict {
        numbers = numbers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static Verdict of(Outcome outcome, String reason, Map<String, Estimate> numbers, String keyNumber) {
        return new Verdict(outcome, reason, numbers, keyNumber, List.of());
    }

    public static Verdict unavailable(String reason) {
        return new Verdict(Outcome.UNAVAILABLE, reason, Map.of(), null, List.of());
    }

    public Verdict withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Verdict(outcome, reason, numbers, keyNumber, all);
    }

    public Verdict withReasonPrefix(String prefix) {
        return new Verdict(outcome, prefix + reason, numbers, keyNumber, warnings);
    }
}
