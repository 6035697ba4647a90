package concurrencyclaims.judge;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.List;

/**
 * How a claim is judged: which series to measure and which per-round statistic (or fact) they yield, with the
 * claim's bound on it. The decision itself is the {@link DecisionRule}'s, the same for every kind. Every threshold is
 * a ratio against something measured in the same run, so the judgement holds on machines of any speed; where it
 * comes from is written in the claim ({@code bound_source}). One kind per file.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoSpeedup.class, name = "no-speedup"),
    @JsonSubTypes.Type(value = RunsInParallel.class, name = "runs-in-parallel"),
    @JsonSubTypes.Type(value = Speedup.class, name = "speedup"),
    @JsonSubTypes.Type(value = NoMoreThanCores.class, name = "no-more-than-cores"),
    @JsonSubTypes.Type(value = CostRatio.class, name = "cost-ratio"),
    @JsonSubTypes.Type(value = OverlappingWaits.class, name = "overlapping-waits"),
    @JsonSubTypes.Type(value = DetailRatio.class, name = "detail-ratio"),
    @JsonSubTypes.Type(value = DetailsEqual.class, name = "details-equal"),
    @JsonSubTypes.Type(value = LostUpdates.class, name = "lost-updates"),
})
public sealed interface Assertion permits NoSpeedup, RunsInParallel, Speedup, NoMoreThanCores, CostRatio,
        OverlappingWaits, DetailRatio, DetailsEqual, LostUpdates {
    List<String> KINDS = List.of("no-speedup", "runs-in-parallel", "speedup", "no-more-than-cores",
            "cost-ratio", "overlapping-waits", "detail-ratio", "details-equal", "lost-updates");

    /** What is wrong with this assertion in this claim, empty when it can be used. */
    List<String> problems(Claim claim);

    /** The series to measure, interleaved, for the claim on the plan's runtime and model. */
    List<Series> series(PlanContext plan);

    /**
     * What the rounds measured so far say: a statistic with its bound for the {@link DecisionRule}, or a fact with
     * its exact rule. Called after every round; it must only read {@code measurements}, so a recorded run replays.
     */
    Assessment assess(Measurements measurements, PlanContext plan);

    /** Whether the kind puts a bound on a statistic, whose source the claim must then name; facts have none. */
    default boolean hasBound() {
        return true;
    }

    /** A verdict known before measuring (no measurement could decide the claim here), else empty. */
    default java.util.Optional<Verdict> decidedWithoutMeasuring(PlanContext plan) {
        return java.util.Optional.empty();
    }

    static List<String> requireRange(String name, Double value, double low, double high) {
        if (value == null) {
            return List.of("assertion needs '" + name + "'");
        }
        if (value < low || value > high) {
            return List.of("'" + name + "' must lie in [" + low + ", " + high + "], got " + value);
        }
        return List.of();
    }
}
