package concurrencyclaims.runtime;

import concurrencyclaims.workloads.Chunked;
import concurrencyclaims.workloads.Deadlock;
import concurrencyclaims.workloads.FileIo;
import concurrencyclaims.workloads.IdleMemory;
import concurrencyclaims.workloads.IntegerHash;
import concurrencyclaims.workloads.JavaWorkload;
import concurrencyclaims.workloads.MessagePassing;
import concurrencyclaims.workloads.SharedCounter;
import concurrencyclaims.workloads.SharedState;
import concurrencyclaims.workloads.SleepWait;
import concurrencyclaims.workloads.TcpEcho;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The test JVM itself: the workload on platform threads, on virtual threads, or in child JVMs started from the same
 * JDK and the same compiled classes. Platform threads are the suite's parallel control.
 */
public final class JavaRuntime implements Runtime {
    /** Every workload Java runs, each with the models it supports; the work itself lives in its class. */
    private static final Map<String, JavaWorkload> WORKLOADS = Map.of(
            IntegerHash.NAME, Chunked.of(job -> (from, to) -> IntegerHash.units(from, to, job.size().iterations())),
            SleepWait.NAME, new SleepWait(),
            TcpEcho.NAME, new TcpEcho(),
            FileIo.NAME, new FileIo(),
            SharedState.NAME, new SharedState(),
            SharedCounter.NAME, new SharedCounter(),
            Deadlock.NAME, new Deadlock(),
            IdleMemory.NAME, new IdleMemory(),
            MessagePassing.NAME, new MessagePassing());

    @Override
    public String id() {
        return "java";
    }

    @Override
    public String kind() {
        return "java";
    }

    @Override
    public String language() {
        return "java";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public List<String> models() {
        return RuntimeKinds.MODELS.get("java");
    }

    @Override
    public boolean runsInThisJvm(String model) {
        return !"child-processes".equals(model);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", System.getProperty("java.runtime.version"));
        details.put("vendor", System.getProperty("java.vendor"));
        details.put("vm", System.getProperty("java.vm.name"));
        details.put("java_home", System.getProperty("java.home"));
        details.put("models", models());
        return details;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (!models().contains(job.model())) {
            throw new MeasurementException("unknown Java model '" + job.model() + "' (known: " + models() + ")");
        }
        JavaWorkload workload = WORKLOADS.get(job.workload());
        if (workload == null) {
            throw new MeasurementException("workload '" + job.workload() + "' is not implemented for Java (known: "
                    + String.join(", ", new TreeSet<>(WORKLOADS.keySet())) + ")");
        }
        return workload.runSupported(job);
    }
}
