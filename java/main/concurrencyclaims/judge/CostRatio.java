package concurrencyclaims.judge;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.measure.Estimate;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.measure.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;

/**
 * "Model A costs far more than model B": a cost of the claim's model is at least {@code min_ratio} times that of
 * {@code cheaper_model} on the same runtime, round by round. The cost is the wall time (with {@code iterations: 0}, the
 * cost of starting and joining workers) or, with {@code figure}, a figure the workload reports, such as
 * {@code pss_kib_per_worker} or {@code transfer_s}. With {@code max_ratio} the ratio must also stay below a bound: a
 * claim that is only half true can assert that two costs are alike (0.5–2×) rather than far apart.
 * {@code cheaper_model} is one model name, or a map from runtime kind to model where the languages name their
 * counterparts differently ({@code {cpython: threading, java: platform-threads}}). With {@code cheaper_parameters} the
 * cheaper side runs with these workload parameters instead (e.g. {@code {channel: shared-memory}}), under the claim's
 * own model unless {@code cheaper_model} names another. With {@code cheaper_runtime: java} the cheaper model runs on
 * the control runtime (Java, measured in every run) instead: what a JavaScript thread costs against a Java thread.
 */
public record CostRatio(@JsonDeserialize(using = CheaperModels.Reader.class) CheaperModels cheaperModel, Double minRatio,
                        Double maxRatio, String figure, Map<String, String> cheaperParameters, String cheaperRuntime)
        implements Assertion {
    /** The only runtime kind a cheaper side can run on besides the claim's own: the control. */
    private static final String CONTROL_KIND = "java";

    public CostRatio {
        cheaperParameters = cheaperParameters == null ? Map.of() : Map.copyOf(cheaperParameters);
    }

    /** The cheaper model per runtime kind, or one for all. */
    public record CheaperModels(@JsonValue Object value) {
        public String forKind(String kind) {
            return value instanceof Map<?, ?> map ? (String) map.get(kind) : (String) value;
        }

        static final class Reader extends JsonDeserializer<CheaperModels> {
            @Override
            public CheaperModels deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                Object value = parser.readValueAs(Object.class);
                if (value instanceof String || (value instanceof Map<?, ?> map
                        && map.values().stream().allMatch(v -> v instanceof String))) {
                    return new CheaperModels(value);
                }
                return context.reportInputMismatch(CheaperModels.class,
                        "'cheaper_model' must be a model name or a map from runtime to model name");
            }
        }
    }

    public CostRatio(String cheaperModel, Double minRatio, Double maxRatio, String figure) {
        this(new CheaperModels(cheaperModel), minRatio, maxRatio, figure, null, null);
    }
    /**
     * A cheaper cost below this share of the costlier one (a thread whose memory is lost in the noise, at or below
     * zero) counts as this share: the ratio is capped at 1000×, far above any bound a claim sets, and its logarithm,
     * which the decision rule averages, stays finite.
     */
    private static final double SMALLEST_SHARE = 1e-3;

    @Override
    public List<String> problems(Claim claim) {
        List<String> problems = new ArrayList<>(Assertion.requireRange("min_ratio", minRatio, 0.0, 1e6));
        if (maxRatio != null && maxRatio < minRatio) {
            problems.add("'max_ratio' must not be below 'min_ratio'");
        }
        if (cheaperModel == null && cheaperParameters.isEmpty()) {
            problems.add("name the cheaper side: 'cheaper_model', 'cheaper_parameters' or both");
        }
        if (cheaperRuntime != null && (!cheaperRuntime.equals(CONTROL_KIND) || cheaperModel == null)) {
            problems.add("'cheaper_runtime' can only be " + CONTROL_KIND + " (the control runtime, measured in every"
                    + " run), with a 'cheaper_model' of it");
        }
        for (String kind : claim.runtimes().keySet()) {
            List<String> known = concurrencyclaims.runtime.RuntimeKinds.MODELS.getOrDefault(
                    cheaperRuntime == null ? kind : CONTROL_KIND, List.of());
            String cheaper = cheaperModel == null ? null : cheaperModel.forKind(kind);
            if (cheaperModel != null && (cheaper == null || !known.contains(cheaper))) {
                problems.add("'cheaper_model' for " + kind + " must be one of " + known + ", got '" + cheaper + "'");
            }
        }
        return problems;
    }

    @Override
    public List<Series> series(PlanContext plan) {
        int workers = plan.claim().workersOrDefault();
        // The claim's parameters are for its own runtime; the control gets only cheaper_parameters.
        Series cheaper = cheaperRuntime == null
                ? plan.series(Series.BASELINE, plan.runtime(), cheaperSide(plan), workers, cheaperParameters)
                : new Series(Series.BASELINE, plan.control(), plan.claim().workload(), cheaperSide(plan), workers,
                        plan.sizes().apply(plan.control()), cheaperParameters);
        return List.of(cheaper, plan.target());
    }

    private String cheaperSide(PlanContext plan) {
        return cheaperModel == null ? plan.model() : cheaperModel.forKind(plan.runtime().kind());
    }

    private String cheaperName(PlanContext plan) {
        return (cheaperRuntime == null ? "" : plan.control().id() + " ") + cheaperSide(plan)
                + (cheaperParameters.isEmpty() ? "" : " " + new java.util.TreeMap<>(cheaperParameters));
    }

    private String costName() {
        return figure == null ? "start_ms" : figure;
    }

    private ToDoubleFunction<MeasuredSample> cost() {
        return figure == null ? s -> s.sample().wallSeconds() * 1000 : s -> s.sample().figure(figure);
    }

    /** A figure measures time when its name says so ({@code _s}, {@code _ms}); a memory figure needs no quiet machine. */
    private boolean isTiming() {
        return figure == null || DetailRatio.isTimeFigure(figure);
    }

    @Override
    public Assessment assess(Measurements m, PlanContext plan) {
        Map<String, Estimate> numbers = new LinkedHashMap<>();
        String unit = figure == null ? " ms" : "";
        ToDoubleFunction<MeasuredSample> cost = cost();
        numbers.put(costName(), m.estimate(Series.TARGET, cost, unit));
        numbers.put("cheaper_" + costName(), m.estimate(Series.BASELINE, cost, unit));
        List<MeasuredSample> target = m.measured(Series.TARGET);
        List<MeasuredSample> cheaper = m.measured(Series.BASELINE);
        double[] ratios = new double[Math.min(target.size(), cheaper.size())];
        for (int i = 0; i < ratios.length; i++) {
            double costlier = cost.applyAsDouble(target.get(i));
            ratios[i] = costlier / Math.max(SMALLEST_SHARE * Math.abs(costlier), cost.applyAsDouble(cheaper.get(i)));
        }
        Bound bound = maxRatio == null ? Bound.above(minRatio) : Bound.within(minRatio, maxRatio);
        Map<String, String> own = plan.claim().parameters();
        String facts = costName() + " " + plan.model() + (own.isEmpty() ? "" : " " + new java.util.TreeMap<>(own)) + " "
                + numbers.get(costName()) + " vs " + cheaperName(plan) + " " + numbers.get("cheaper_" + costName());
        return new Assessment.Measured(new Statistic("cost_ratio", "×", ratios, bound, isTiming()), List.of(), numbers,
                "cost_ratio", facts);
    }
}
