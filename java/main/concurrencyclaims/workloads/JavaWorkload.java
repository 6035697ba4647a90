package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.util.List;

/** A workload as the Java runtime runs it: the models it supports and one measurement under one of them. */
public interface JavaWorkload {
    String SEQUENTIAL = "sequential";
    String PLATFORM_THREADS = "platform-threads";
    String VIRTUAL_THREADS = "virtual-threads";
    String CHILD_PROCESSES = "child-processes";

    /** The Java models this workload runs under. */
    List<String> models();

    /** One measurement of {@code job}, whose model is one of {@link #models()}. */
    Sample run(Job job) throws MeasurementException;

    /** {@link #run(Job)}, or the one-line refusal of a model this workload does not offer. */
    default Sample runSupported(Job job) throws MeasurementException {
        if (!models().contains(job.model())) {
            throw new MeasurementException(job.workload() + " is not supported under " + job.model()
                    + " (supported: " + String.join(", ", models()) + ")");
        }
        return run(job);
    }

    /** Fails unless the job asks for exactly {@code count} workers, which is all {@code job}'s workload knows how to run. */
    static void requireWorkers(Job job, int count) throws MeasurementException {
        if (job.workers() != count) {
            throw new MeasurementException(job.workload() + " runs exactly " + count + (count == 1 ? " worker" : " workers")
                    + ", not " + job.workers());
        }
    }
}
