package concurrencyclaims;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A runtime whose samples a test decides, recording every job it was asked to run. */
public class FakeRuntime implements Runtime {
    private final String id;
    private final Function<Job, Sample> behaviour;
    public final List<Job> jobs = new ArrayList<>();

    public FakeRuntime(String id, Function<Job, Sample> behaviour) {
        this.id = id;
        this.behaviour = behaviour;
    }

    public static Sample sample(double wall, double cpu) {
        return new Sample(wall, cpu, 0, -1, Map.of());
    }

    @Override
    public String id() {
        return id;
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
        return List.of("sequential", "platform-threads", "virtual-threads", "child-processes");
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of();
    }

    @Override
    public boolean runsInThisJvm(String model) {
        return true;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        jobs.add(job);
        return behaviour.apply(job);
    }
}
