package concurrencyclaims.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import concurrencyclaims.proc.ProcTree;
import concurrencyclaims.runtime.InteractiveChild;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code workers} workers that signal ready and block, idle, until released: threads waiting on a latch, or
 * child JVMs that print "ready" and block reading stdin until it is closed. While all are idle it measures PSS and RSS
 * of this JVM and the workers' processes with their descendants, and compares with the same measure of this JVM just
 * before starting them. Other children of this JVM (an interpreter another runtime keeps for the run, another test's
 * child) are not the workers' cost and are left out. Details {@code pss_kib_per_worker}, {@code rss_kib_per_worker} (and the totals they come from). Checksum 0.
 */
public final class IdleMemory implements JavaWorkload {
    public static final String NAME = "idle_memory";

    @Override
    public String name() {
        return NAME;
    }

    /** It reports memory figures: its checksum is 0 in every language. */
    @Override
    public long referenceChecksum(Job job) {
        return 0;
    }

    /** A child JVM's part: idle until released, then report its CPU. */
    @Override
    public void childMain(List<String> args) throws IOException {
        WorkloadMain.awaitRelease();
        System.out.println(String.format(java.util.Locale.ROOT, "{\"checksum\": 0, \"cpu_s\": %.6f}",
                WorkloadMain.cpuSeconds()));
    }

    @Override
    public List<String> models() {
        return List.of(PLATFORM_THREADS, VIRTUAL_THREADS, CHILD_PROCESSES);
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (!ProcTree.available()) {
            throw new MeasurementException(NAME + " needs Linux /proc");
        }
        Stopwatch watch = Stopwatch.start();
        ProcTree.Memory before = measure(List.of());
        ProcTree.Memory during;
        double childCpu = 0;
        if (CHILD_PROCESSES.equals(job.model())) {
            List<InteractiveChild> children = new ArrayList<>();
            try {
                for (int w = 0; w < job.workers(); w++) {
                    children.add(InteractiveChild.start(Chunked.childName(job, w), ChildJvm.command(NAME), job.timeout()));
                }
                for (InteractiveChild child : children) {
                    child.expectLine(WorkloadMain.READY);
                }
                during = measure(children.stream().map(InteractiveChild::pid).toList());
                for (InteractiveChild child : children) {
                    child.release();
                }
                for (InteractiveChild child : children) {
                    childCpu += child.finish().path("cpu_s").asDouble();
                }
            } finally {
                children.forEach(InteractiveChild::close);
            }
        } else {
            CountDownLatch ready = new CountDownLatch(job.workers());
            CountDownLatch release = new CountDownLatch(1);
            try (Workers workers = Workers.start(job, Workers.virtual(job), job.workers(), w -> {
                ready.countDown();
                release.await();
                return 0;
            })) {
                try {
                    if (!ready.await(workers.nanosLeft(), TimeUnit.NANOSECONDS)) {
                        throw new MeasurementException("Java " + job.describe() + ": only " + (job.workers() - ready.getCount())
                                + " workers were ready within " + job.timeout().toSeconds() + " s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MeasurementException("Java " + job.describe() + " was interrupted");
                }
                during = measure(List.of());
                release.countDown();
                workers.await();
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pss_kib_per_worker", (during.pssKiB() - before.pssKiB()) / (double) job.workers());
        details.put("rss_kib_per_worker", (during.rssKiB() - before.rssKiB()) / (double) job.workers());
        details.put("pss_kib_before", before.pssKiB());
        details.put("pss_kib_during", during.pssKiB());
        details.put("processes_during", during.processes());
        return CHILD_PROCESSES.equals(job.model())
                ? new Sample(watch.wallSeconds(), childCpu, 0, during.rssKiB(), details)
                : watch.sample(0, details);
    }

    private static ProcTree.Memory measure(List<Long> workerProcesses) throws MeasurementException {
        try {
            return ProcTree.of(ProcessHandle.current().pid(), workerProcesses);
        } catch (IOException | RuntimeException e) {
            throw new MeasurementException(NAME + ": cannot read /proc memory figures: " + e.getMessage());
        }
    }
}
