package concurrencyclaims.measure;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.workloads.ChunkedWorkload;
import concurrencyclaims.workloads.JavaWorkload;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checksum every sample must return, and the check. A workload with a Java implementation is checked against it
 * ({@link JavaWorkload#referenceChecksum}); one without is checked across the languages it has, the first runtime of
 * the run to measure it at that size being the reference. Either way every sample is compared, and the reference
 * used is recorded with the series.
 */
public final class Checksums {
    /** The checksum a job must return and where it comes from ("java", or the runtime that went first). */
    public record Reference(long value, String source) {
    }

    private final Map<String, Reference> known = new ConcurrentHashMap<>();

    /** Checks {@code sample} of {@code job} on {@code runtime}; returns the reference it was checked against. */
    public Reference check(Runtime runtime, Job job, Sample sample) throws MeasurementException {
        Optional<JavaWorkload> java;
        try {
            java = JavaWorkload.named(job.workload());
        } catch (IllegalStateException e) {
            throw new MeasurementException(e.getMessage());
        }
        Reference reference;
        if (java.isPresent()) {
            // A chunked workload's checksum does not depend on how the units are split: one reference per size.
            String key = key(job, !(java.get() instanceof ChunkedWorkload));
            reference = known.get(key);
            if (reference == null) {
                reference = new Reference(java.get().referenceChecksum(job), "java");
                known.put(key, reference);
            }
        } else {
            reference = known.computeIfAbsent(key(job, true), k -> new Reference(sample.checksum(), runtime.id()
                    + " (the first runtime to run it: " + job.workload() + " has no Java implementation)"));
        }
        if (reference.value() != sample.checksum()) {
            throw new MeasurementException("checksum mismatch in workload " + job.workload() + ": " + runtime.id() + " "
                    + job.model() + " returned " + sample.checksum() + " (units=" + job.size().units() + ", iterations="
                    + job.size().iterations() + (job.parameters().isEmpty() ? "" : ", " + new TreeMap<>(job.parameters()))
                    + ") but the reference, " + (reference.source().equals("java") ? "the Java implementation "
                    + JavaWorkload.sourceFile(job.workload()) : reference.source()) + ", gives " + reference.value()
                    + ": python/workloads/" + job.workload() + ".py, js/workloads/" + job.workload() + ".js and the"
                    + " Java class must compute the same thing");
        }
        return reference;
    }

    private static String key(Job job, boolean withWorkers) {
        return job.workload() + "/" + job.size() + "/" + new TreeMap<>(job.parameters()) + (withWorkers ? "/"
                + job.workers() : "");
    }
}
