package concurrencyclaims.judge;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.List;

/**
 * How a claim is judged: which series to measure and what the numbers must show. Every threshold is a ratio against
 * something measured in the same run, so the judgement holds on machines of any speed. One kind per file.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoSpeedup.class, name = "no-speedup"),
    @JsonSubTypes.Type(value = SpeedupNearControl.class, name = "speedup-near-control"),
    @JsonSubTypes.Type(value = ControlParallelism.class, name = "control-parallelism"),
    @JsonSubTypes.Type(value = NoMoreThanCores.class, name = "no-more-than-cores"),
    @JsonSubTypes.Type(value = CostRatio.class, name = "cost-ratio"),
    @JsonSubTypes.Type(value = OverlappingWaits.class, name = "overlapping-waits"),
    @JsonSubTypes.Type(value = DetailRatio.class, name = "detail-ratio"),
    @JsonSubTypes.Type(value = DetailsEqual.class, name = "details-equal"),
    @JsonSubTypes.Type(value = LostUpdates.class, name = "lost-updates"),
})
public sealed interface Assertion permits NoSpeedup, SpeedupNearControl, ControlParallelism, NoMoreThanCores, CostRatio,
        OverlappingWaits, DetailRatio, DetailsEqual, LostUpdates {
    List<String> KINDS = List.of("no-speedup", "speedup-near-control", "control-parallelism", "no-more-than-cores",
            "cost-ratio", "overlapping-waits", "detail-ratio", "details-equal", "lost-updates");

    /** What is wrong with this assertion in this claim, empty when it can be used. */
    List<String> problems(Claim claim);

    /** The series to measure, interleaved, for the claim on the plan's runtime and model. */
    List<Series> series(PlanContext plan);

    /** The verdict the measurements support. */
    Verdict judge(Measurements measurements, PlanContext plan);

    /**
     * Whether the verdict rests on timings, so that a REFUTED needs quiet series: with a noisy one it is INCONCLUSIVE.
     * Not for facts a workload observes (a copied message, a lost update), which noise cannot fake.
     */
    default boolean judgesTimings() {
        return true;
    }

    /** A verdict known before measuring (no measurement could decide the claim here), else empty. */
    default java.util.Optional<Verdict> decidedWithoutMeasuring(PlanContext plan) {
        return java.util.Optional.empty();
    }

    /** Whether measuring again may change the verdict. */
    default boolean worthRetrying(Verdict verdict, PlanContext plan) {
        return verdict.outcome() == Outcome.INCONCLUSIVE;
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
