package concurrencyclaims.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A student's code as a runtime of a lab run: each model of the lab's entries runs the student's functions in a child
 * process of {@link #childCommand}; the sequential model, the baseline every speed-up is measured against, runs the
 * suite's own implementation on the trusted runtime it wraps. Nothing the student's process says about time is
 * believed: each call is timed here, from writing its request to reading its answer, and its CPU time is read from
 * /proc. Inputs are the harness's ({@link LabInputs}) and every result is checked against the reference.
 */
public abstract class StudentRuntime implements Runtime {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Path trace = null;
        try {
            trace = Files.createTempFile("lab-trace-", ".txt");
            Map<String, String> environment = new LinkedHashMap<>(childEnvironment());
            environment.put("LAB_TRACE", trace.toString());
            return converse(job, entry, file, call, environment, trace);
        } catch (IOException e) {
            throw new MeasurementException("cannot make a trace file for " + entry.file() + ": " + e.getMessage());
        } finally {
            if (trace != null) {
                try {
                    Files.deleteIfExists(trace);
                } catch (IOException ignored) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }

    private Sample converse(Job job, Lab.Entry entry, Path file, LabInputs.Call call, Map<String, String> environment,
                            Path trace) throws MeasurementException {
        String what = entry.file() + " (" + job.describe() + ")";
        try (InteractiveChild child = InteractiveChild.start(what, sandbox.wrap(childCommand(file), List.of()), environment,
                job.timeout())) {
            JsonNode ready = answer(child, entry.file());
            if (!ready.path("ready").asBoolean(false)) {
                throw new MeasurementException(entry.file() + " said " + ready + " instead of being ready");
            }
            Map<String, Object> details = new LinkedHashMap<>(call.figures());
            double wall = 0;
            double cpuBefore = cpuSeconds(child.pid());
            long result = 0;
            for (Map.Entry<String, String> function : entry.calls().entrySet()) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("call", function.getValue());
                request.put("args", call.arguments());
                request.putAll(call.hidden());
                byte[] line = (toJson(request) + "\n").getBytes(StandardCharsets.UTF_8);
                long started = System.nanoTime();
                child.write(line);
                JsonNode reply = answer(child, entry.file());
                double seconds = (System.nanoTime() - started) / 1e9;
                wall += seconds;
                long value = reply.path("result").asLong();
                details.put(function.getKey(), value);
                details.put(function.getKey() + "_s", seconds);
                reply.path("figures").properties().forEach(f -> details.put(f.getKey(), f.getValue().numberValue()));
                if (function.getKey().equals(Lab.Entry.RESULT)) {
                    result = value;
                    call.check(function.getValue(), entry.file(), value);
                }
            }
            double cpu = cpuSeconds(child.pid()) - cpuBefore;
            child.release();
            if (entry.spread() != null) {
                checkSpread(entry, child.pid(), job.workers(), trace);
            }
            return new Sample(wall, cpu, call.nominalChecksum(result), -1, details);
        }
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

    /**
     * Where the work ran, from the trace the harness's work function keeps: threads of the student's process,
     * processes other than it (and none of it in the process itself), or threads other than the main one.
     */
    private static void checkSpread(Lab.Entry entry, long pid, int workers, Path trace) throws MeasurementException {
        List<String> lines;
        try {
            lines = Files.readAllLines(trace);
        } catch (IOException e) {
            throw new MeasurementException("cannot read the trace of " + entry.file() + ": " + e.getMessage());
        }
        Set<String> threadsHere = new LinkedHashSet<>();
        Set<String> otherProcesses = new LinkedHashSet<>();
        Set<String> mainThread = new LinkedHashSet<>();
        Set<String> otherThreads = new LinkedHashSet<>();
        for (String line : lines) {
            String[] parts = line.strip().split(" ");
            if (parts.length != 2) {
                continue;
            }
            if (parts[0].equals(Long.toString(pid))) {
                threadsHere.add(parts[1]);
            } else {
                otherProcesses.add(parts[0]);
            }
            (parts[1].equals("0") ? mainThread : otherThreads).add(line);
        }
        String calls = String.join(", ", entry.calls().values());
        String problem = switch (entry.spread()) {
            case "threads" -> threadsHere.size() >= workers ? null : calls + " ran the work on " + threadsHere.size()
                    + " thread(s) of its process; it should run it on " + workers + " threads";
            case "processes" -> !otherProcesses.isEmpty() && threadsHere.isEmpty() ? null : calls + " ran the work in "
                    + (threadsHere.isEmpty() ? "no" : "its own") + " process" + (otherProcesses.isEmpty() ? ""
                    : " and in " + otherProcesses.size() + " other(s)") + "; it should run all of it in child processes";
            default -> !otherThreads.isEmpty() && mainThread.isEmpty() ? null : calls + " ran the work on "
                    + (mainThread.isEmpty() ? "" : "the main thread") + (otherThreads.isEmpty() ? "" : (mainThread
                    .isEmpty() ? "" : " and on ") + otherThreads.size() + " Worker(s)")
                    + "; it should run all of it in Workers";
        };
        if (problem != null) {
            throw new MeasurementException(entry.file() + ": " + problem);
        }
    }

    /** User + system CPU of {@code pid} and of the children it has waited for, from /proc/<pid>/stat. */
    static double cpuSeconds(long pid) throws MeasurementException {
        try {
            return concurrencyclaims.measure.CpuMeter.processCpuSeconds(pid);
        } catch (IOException e) {
            throw new MeasurementException("cannot read the CPU time of process " + pid + " in /proc: " + e.getMessage());
        }
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
