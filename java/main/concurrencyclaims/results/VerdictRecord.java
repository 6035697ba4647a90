package concurrencyclaims.results;

import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.Decision;
import concurrencyclaims.judge.Verdict;
import concurrencyclaims.measure.MeasuredSample;
import concurrencyclaims.measure.Measurements;
import concurrencyclaims.report.Results;
import concurrencyclaims.report.ResultsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** One verdict as results.json holds it: the claim, the runtime and model, the outcome and every raw sample. */
public final class VerdictRecord {
    private VerdictRecord() {
    }

    public static Results.Verdict of(Claim claim, String runtimeId, String language, String model, Verdict verdict,
                                     Measurements measurements, double seconds) {
        List<Results.Estimate> numbers = new ArrayList<>();
        verdict.numbers().forEach((name, e) -> numbers.add(new Results.Estimate(name, e.median(), e.ciLow(),
                e.ciHigh(), e.unit().strip(), e.level(), e.relativeSpread(), e.n())));
        return new Results.Verdict(claim(claim), runtimeId, language, model, verdict.outcome(), verdict.reason(),
                numbers, verdict.keyNumber(), decision(verdict.decision()), seconds, verdict.warnings(),
                measurements == null ? List.of() : series(measurements));
    }

    private static Results.Claim claim(Claim claim) {
        Claim.Source source = claim.source();
        Results.Source from = source == null ? null
                : new Results.Source(source.document(), source.section(), source.url());
        Results.Requires requires = claim.requires() == null ? null : new Results.Requires(claim.requires().gil(),
                claim.requires().python(), claim.requires().implementation());
        return new Results.Claim(claim.id(), claim.quote(), from, claim.note(), claim.workload(), claim.runtimes(),
                claim.workers(), claim.iterations(), claim.units(), claim.minSeconds(), claim.parameters(),
                ResultsJson.toMap(claim.assertion()), claim.boundSource(), requires);
    }

    private static Results.Decision decision(Decision decision) {
        if (decision == null) {
            return null;
        }
        var bound = decision.bound();
        return new Results.Decision(decision.statistic(), bound == null ? List.of() : bound.json(),
                bound == null ? null : bound.side().json(),
                decision.interval() == null ? List.of() : List.of(decision.interval()[0], decision.interval()[1]),
                decision.level() == null ? Double.NaN : decision.level(), decision.rounds(), decision.stopped().json());
    }

    private static List<Results.Series> series(Measurements measurements) {
        List<Results.Series> out = new ArrayList<>();
        measurements.all().forEach((series, samples) -> out.add(new Results.Series(series.role(),
                series.runtime().id(), series.model(), series.workers(), series.workload(), series.size().units(),
                series.size().iterations(), samples.stream().map(VerdictRecord::sample).toList(),
                new TreeMap<>(series.parameters()),
                samples.stream().map(MeasuredSample::checksumReference).filter(Objects::nonNull).findFirst()
                        .orElse(null))));
        return out;
    }

    public static Results.Measurement sample(MeasuredSample m) {
        return new Results.Measurement(m.round(), m.warmup(), m.sample().wallSeconds(), m.sample().cpuSeconds(),
                m.sample().peakRssKiB(), m.foreignCpuSeconds(), m.retaken(), m.sample().checksum(),
                m.elapsedSeconds(), m.jvmCpuSeconds(), m.sample().details());
    }
}
