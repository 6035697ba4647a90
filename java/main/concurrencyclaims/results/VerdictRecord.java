package concurrencyclaims.results;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One verdict as results.json holds it: the claim, the runtime and model, the outcome and every raw sample. */
public final class VerdictRecord {
    private VerdictRecord() {
    }

    public static Map<String, Object> of(Claim claim, String runtimeId, String language, String model, Verdict verdict,
                                         Measurements measurements, double seconds) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("claim", claim);
        entry.put("runtime", runtimeId);
        entry.put("language", language);
        entry.put("model", model);
        entry.put("outcome", verdict.outcome().name());
        entry.put("reason", verdict.reason());
        Map<String, Object> numbers = new LinkedHashMap<>();
        verdict.numbers().forEach((name, e) -> numbers.put(name, Map.of("median", e.median(), "ci_low", e.ciLow(),
                "ci_high", e.ciHigh(), "level", e.level(), "unit", e.unit().strip(), "spread", e.relativeSpread(),
                "n", e.n())));
        entry.put("numbers", numbers);
        entry.put("key_number", verdict.keyNumber());
        entry.put("decision", verdict.decision() == null ? null : verdict.decision().json());
        entry.put("seconds", seconds);
        entry.put("warnings", verdict.warnings());
        entry.put("series", measurements == null ? List.of() : series(measurements));
        return entry;
    }

    private static List<Map<String, Object>> series(Measurements measurements) {
        List<Map<String, Object>> out = new ArrayList<>();
        measurements.all().forEach((series, samples) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("role", series.role());
            s.put("runtime", series.runtime().id());
            s.put("model", series.model());
            s.put("workers", series.workers());
            s.put("workload", series.workload());
            s.put("units", series.size().units());
            s.put("iterations", series.size().iterations());
            if (!series.parameters().isEmpty()) {
                s.put("parameters", new java.util.TreeMap<>(series.parameters()));
            }
            samples.stream().map(MeasuredSample::checksumReference).filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(reference -> s.put("checksum_reference", reference));
            s.put("samples", samples.stream().map(VerdictRecord::sample).toList());
            out.add(s);
        });
        return out;
    }

    private static Map<String, Object> sample(MeasuredSample m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("round", m.round());
        s.put("warmup", m.warmup());
        if (m.retaken()) {
            s.put("retaken", true);
        }
        s.put("wall_s", m.sample().wallSeconds());
        s.put("cpu_s", m.sample().cpuSeconds());
        s.put("checksum", m.sample().checksum());
        s.put("peak_rss_kib", m.sample().peakRssKiB());
        s.put("elapsed_s", m.elapsedSeconds());
        s.put("foreign_cpu_s", m.foreignCpuSeconds());
        if (!Double.isNaN(m.jvmCpuSeconds())) {
            s.put("jvm_cpu_s", m.jvmCpuSeconds());
        }
        s.put("details", m.sample().details());
        return s;
    }
}
