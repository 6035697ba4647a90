package concurrencyclaims.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.util.List;
import java.util.Map;

/**
 * Main sets a static field to 0, starts one worker that sets it to 1, joins it and looks: a thread shares the JVM's
 * statics, a child JVM has its own. Details {@code main_saw_worker_mutation}; checksum 0.
 */
public final class SharedState implements JavaWorkload {
    public static final String NAME = "shared_state";

    @Override
    public String name() {
        return NAME;
    }

    /** It reports a fact (whether main saw the worker's write): its checksum is 0 in every language. */
    @Override
    public long referenceChecksum(Job job) {
        return 0;
    }

    /** A child JVM's part: set this JVM's copy of the static to 1 and say what it holds. */
    @Override
    public void childMain(List<String> args) {
        System.out.println(String.format(java.util.Locale.ROOT, "{\"checksum\": 0, \"value\": %d, \"cpu_s\": %.6f}",
                worker(), WorkloadMain.cpuSeconds()));
    }

    /** The static both sides write; volatile so what main reads after the join is not a stale register copy. */
    private static volatile int value;

    @Override
    public List<String> models() {
        return List.of(PLATFORM_THREADS, VIRTUAL_THREADS, CHILD_PROCESSES);
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        JavaWorkload.requireWorkers(job, 1);
        synchronized (SharedState.class) {  // one static, so one run at a time
            return runAlone(job);
        }
    }

    private static Sample runAlone(Job job) throws MeasurementException {
        Stopwatch watch = Stopwatch.start();
        value = 0;
        double childCpu = 0;
        if (CHILD_PROCESSES.equals(job.model())) {
            ChildProcess.Result result = ChildProcess.of(Chunked.childName(job, 0), ChildJvm.command(NAME))
                    .timeout(job.timeout()).run();
            JsonNode report = ChildProcess.lastJsonLine(result.stdout(), Chunked.childName(job, 0));
            if (report.path("value").asInt() != 1) {
                throw new MeasurementException(Chunked.childName(job, 0) + " did not set its own copy to 1: " + report);
            }
            childCpu = report.path("cpu_s").asDouble();
        } else {
            try (Workers workers = Workers.start(job, Workers.virtual(job), 1, w -> worker())) {
                workers.await();
            }
        }
        Map<String, Object> details = Map.of("main_saw_worker_mutation", value == 1);
        return CHILD_PROCESSES.equals(job.model())
                ? new Sample(watch.wallSeconds(), childCpu, 0, -1, details)
                : watch.sample(0, details);
    }

    /** What the worker does, in a thread of this JVM or in a child JVM's main: set the static to 1. */
    static long worker() {
        value = 1;
        return value;
    }
}
