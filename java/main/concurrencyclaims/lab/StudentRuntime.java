package concurrencyclaims.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.measure.CpuMeter;
import concurrencyclaims.proc.TaskSampler;
import concurrencyclaims.runtime.InteractiveChild;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A student's code as a runtime of a lab run: each model of the lab's entries runs the student's functions in a child
 * process of {@link #childCommand}; the sequential model, the baseline every speed-up is measured against, runs the
 * suite's own implementation on the trusted runtime it wraps, each sample in a child of its own inside the
 * {@link Sandbox}. Nothing the student's process says about itself is believed: each call is timed here, from writing
 * its request to reading its answer, and its CPU, and where that CPU was spent ({@link Spread}), are read from the
 * kernel while it runs. Where the work must be spread over processes, the suite's own sequential run of the
 * same work runs just before each sample, for what the work costs in CPU: a call that keeps cores busy with CPU the
 * work does not need (a spinner beside a sequential computation) fails. Inputs are the harness's ({@link LabInputs}),
 * drawn for every sample, and every result is checked against the reference.
 */
public abstract class StudentRuntime implements Runtime {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The figure of an event-loop model: the longest time the main thread was away from its loop's poll. */
    public static final String LOOP_BLOCKED = "loop_blocked_s";

    protected final Runtime trusted;
    protected final Lab lab;
    protected final Path submission;
    protected final Sandbox sandbox;
    private final LabInputs inputs = new LabInputs();

    protected StudentRuntime(Runtime trusted, Lab lab, Path submission, Sandbox sandbox) {
        this.trusted = trusted;
        this.lab = lab;
        this.submission = submission;
        this.sandbox = sandbox;
    }

    /** The argument array that starts the child running {@code file}, and what it needs in its environment. */
    protected abstract List<String> childCommand(Path file) throws MeasurementException;

    protected Map<String, String> childEnvironment() {
        return Map.of();
    }

    /** What the child must read besides the submission: its interpreter's installation, the harness's driver. */
    protected abstract List<Path> childReadable() throws MeasurementException;

    /**
     * The folder an interpreter is installed in ({@code <prefix>/bin/<name>}, its libraries beside bin), from the path
     * of its executable, links followed.
     */
    protected static Path installation(Path executable) {
        try {
            Path real = executable.toRealPath();
            return real.getParent().getParent() != null ? real.getParent().getParent() : real.getParent();
        } catch (IOException e) {
            return executable.toAbsolutePath().getParent();
        }
    }

    /** Whether the student's code runs on an event loop whose main thread the harness watches. */
    protected boolean watchesEventLoop() {
        return false;
    }

    @Override
    public String id() {
        return "student-" + language();
    }

    @Override
    public String kind() {
        return trusted.kind();
    }

    @Override
    public String language() {
        return trusted.language();
    }

    @Override
    public Optional<String> unavailableReason() {
        return trusted.unavailableReason();
    }

    @Override
    public List<String> models() {
        List<String> models = new ArrayList<>(List.of(trusted.sequentialModel()));
        models.addAll(lab.entries(kind()).keySet());
        return models;
    }

    @Override
    public String sequentialModel() {
        return trusted.sequentialModel();
    }

    @Override
    public boolean warmsUpAcrossSamples() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>(trusted.describe());
        details.put("submission", submission.toString());
        details.put("sandbox", sandbox.describe());
        return details;
    }

    @Override
    public void prepareForMeasuring() throws MeasurementException {
        trusted.prepareForMeasuring();
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        if (job.model().equals(trusted.sequentialModel())) {
            return trusted.run(job);
        }
        Lab.Entry entry = lab.entries(kind()).get(job.model());
        if (entry == null) {
            throw new MeasurementException("lab " + lab.name() + " has no student code for " + kind() + " · " + job.model());
        }
        Path file = submission.resolve(entry.file());
        if (!Files.isRegularFile(file)) {
            throw new MeasurementException(entry.file() + ": not in the submission " + submission
                    + " (hand it in under that name)");
        }
        LabInputs.Call call = inputs.next(job);
        double reapedBefore = CpuMeter.reapedChildrenCpuSeconds();
        Sample work = Spread.spreadsWork(entry.spread(), job.workers()) ? trusted.run(new Job(job.workload(),
                trusted.sequentialModel(), 1, job.size(), job.timeout())) : null;
        // What the suite's run of the work cost in all: a child it started and reaped, or a forked copy's own report.
        double workCpuInAll = work == null ? 0 : Math.max(Math.max(work.cpuSeconds(),
                CpuMeter.reapedChildrenCpuSeconds() - reapedBefore),
                work.details().get(Sample.PROCESS_CPU) instanceof Number n ? n.doubleValue() : 0);
        List<String> command = childCommand(file);
        List<Path> readable = new ArrayList<>(childReadable());
        readable.addAll(submissionFiles());
        String what = entry.file() + " (" + job.describe() + ")";
        Sample sample;
        double childCpu;
        try (InteractiveChild child = InteractiveChild.start(what, sandbox.wrap(command, readable),
                childEnvironment(), job.timeout())) {
            sample = converse(child, job, entry, call, work == null ? Double.NaN : work.cpuSeconds());
            childCpu = TaskSampler.treeCpuSeconds(child.pid());
            child.release();
        }
        // All the CPU this sample cost, the child's start-up and the suite's run of the work included, is its own, not
        // another process's load (Measurer).
        double processCpu = childCpu + workCpuInAll;
        Map<String, Object> details = new LinkedHashMap<>(sample.details());
        details.put(Sample.PROCESS_CPU, processCpu);
        return new Sample(sample.wallSeconds(), sample.cpuSeconds(), sample.checksum(), sample.peakRssKiB(), details);
    }

    /** The files at the top of the submission: all the child may see of it (no solution/, no other folder). */
    private List<Path> submissionFiles() throws MeasurementException {
        try (var files = Files.list(submission)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new MeasurementException("cannot list the submission " + submission + ": " + e.getMessage());
        }
    }

    /**
     * Calls the entry's functions one after the other, each timed here and watched from /proc by a
     * {@link TaskSampler}: the call's CPU (the whole tree's, reaped processes included) and where it ran come from
     * the kernel, never from the child, whose answer gives only the result.
     */
    private Sample converse(InteractiveChild child, Job job, Lab.Entry entry, LabInputs.Call call, double workCpu)
            throws MeasurementException {
        JsonNode ready = answer(child, entry.file());
        if (!ready.path("ready").asBoolean(false)) {
            throw new MeasurementException(entry.file() + " said " + ready + " instead of being ready");
        }
        Map<String, Object> details = new LinkedHashMap<>(call.figures());
        double wall = 0;
        double cpu = 0;
        double loopBlocked = 0;
        double busySquared = 0;
        double busy = 0;
        long result = 0;
        for (Map.Entry<String, String> function : entry.calls().entrySet()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("call", function.getValue());
            request.put("args", call.arguments());
            request.putAll(call.hidden());
            byte[] line = (toJson(request) + "\n").getBytes(StandardCharsets.UTF_8);
            TaskSampler.Observation seen = null;
            JsonNode reply = null;
            double seconds = 0;
            // A call whose CPU the sampler partly missed is made again (the same call, the same answer expected), and
            // the call it saw best is the one judged.
            for (int calls = 1; ; calls++) {
                TaskSampler sampler = TaskSampler.start(child.pid(), watchesEventLoop());
                TaskSampler.Observation seenNow;
                JsonNode replyNow;
                double secondsNow;
                try {
                    long started = System.nanoTime();
                    child.write(line);
                    replyNow = answer(child, entry.file());
                    secondsNow = (System.nanoTime() - started) / 1e9;
                } finally {
                    seenNow = sampler.stop();
                }
                if (seen == null || Spread.unseen(seenNow) < Spread.unseen(seen)) {
                    seen = seenNow;
                    reply = replyNow;
                    seconds = secondsNow;
                }
                if (!entry.spreads(function.getKey()) || calls >= Spread.MAX_CALLS_FOR_A_SIGHT
                        || !Spread.missed(seen, job.workers())) {
                    break;
                }
            }
            long value = reply.path("result").asLong();
            if (function.getKey().equals(Lab.Entry.RESULT)) {
                result = value;
                call.check(function.getValue(), entry.file(), value);
            }
            if (entry.spreads(function.getKey())) {
                Spread.check(entry.spread(), entry.file(), function.getValue(), seen, job.workers());
                if (function.getKey().equals(Lab.Entry.RESULT) && !Double.isNaN(workCpu)) {
                    Spread.checkCost(entry.file(), function.getValue(), seen, workCpu);
                    details.put("cpu_over_work", seen.treeCpuSeconds() / workCpu);
                }
            }
            wall += seconds;
            cpu += seen.treeCpuSeconds();
            double[] moments = seen.busyCoreMoments();
            busySquared += moments[0];
            busy += moments[1];
            details.put(function.getKey(), value);
            details.put(function.getKey() + "_s", seconds);
            details.put(function.getKey() + "_cpu_s", seen.treeCpuSeconds());
            if (watchesEventLoop()) {
                // A poll left for less than a sampling interval was not seen: the interval is the resolution.
                loopBlocked = Math.max(loopBlocked, Math.max(seen.loopAwaySeconds(), Spread.RESOLUTION_S));
            }
        }
        if (watchesEventLoop()) {
            details.put(LOOP_BLOCKED, loopBlocked);
        }
        details.put(Sample.WORK_PARALLELISM, busy > 0 ? busySquared / busy : Double.NaN);
        return new Sample(wall, cpu, call.nominalChecksum(result), -1, details);
    }

    /** The child's next answer; a student's error becomes one line naming their file and line. */
    private static JsonNode answer(InteractiveChild child, String file) throws MeasurementException {
        String line = child.readLine();
        JsonNode reply;
        try {
            reply = JSON.readTree(line);
        } catch (IOException e) {
            throw new MeasurementException(file + ": its driver answered '" + line + "', not a JSON line");
        }
        if (reply.has("error")) {
            throw new MeasurementException(reply.path("where").asText(file) + ": " + reply.path("error").asText());
        }
        return reply;
    }

    private static String toJson(Object value) throws MeasurementException {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new MeasurementException("cannot write a request: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return id() + " (" + submission + ")";
    }
}
