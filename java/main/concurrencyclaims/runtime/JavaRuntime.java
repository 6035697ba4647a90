package concurrencyclaims.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import concurrencyclaims.workloads.IntegerHash;
import concurrencyclaims.workloads.ProcMemory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The test JVM itself: the workload on platform threads, on virtual threads, or in child JVMs started from the same
 * JDK and the same compiled classes. Platform threads are the suite's parallel control.
 */
public final class JavaRuntime implements Runtime {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
        if (!IntegerHash.NAME.equals(job.workload())) {
            throw new MeasurementException("workload '" + job.workload() + "' is not implemented for Java yet");
        }
        return switch (job.model()) {
            case "sequential" -> inProcess(job, false, true);
            case "platform-threads" -> inProcess(job, false, false);
            case "virtual-threads" -> inProcess(job, true, false);
            case "child-processes" -> childProcesses(job);
            default -> throw new MeasurementException("unknown Java model '" + job.model() + "' (known: " + models() + ")");
        };
    }

    private Sample inProcess(Job job, boolean virtual, boolean sequential) throws MeasurementException {
        if (sequential && job.workers() != 1) {
            throw new MeasurementException("the sequential model runs exactly 1 worker, not " + job.workers());
        }
        WorkloadSize size = job.size();
        AtomicLongArray sums = new AtomicLongArray(job.workers());
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        if (sequential) {
            sums.set(0, IntegerHash.units(0, size.units(), size.iterations()));
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < job.workers(); w++) {
                int worker = w;
                int[] chunk = size.chunk(worker, job.workers());
                Runnable work = () -> sums.set(worker, IntegerHash.units(chunk[0], chunk[1], size.iterations()));
                threads.add(virtual ? Thread.ofVirtual().start(work) : Thread.ofPlatform().start(work));
            }
            joinAll(threads, job);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        long checksum = 0;
        for (int w = 0; w < job.workers(); w++) {
            checksum += sums.get(w);
        }
        return new Sample(wall, cpu, checksum, ProcMemory.peakRssKiB(), Map.of());
    }

    private static void joinAll(List<Thread> threads, Job job) throws MeasurementException {
        long deadline = System.nanoTime() + job.timeout().toNanos();
        try {
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(java.time.Duration.ofNanos(left))) {
                    throw new MeasurementException("Java " + job.describe() + " did not finish within "
                            + job.timeout().toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("Java " + job.describe() + " was interrupted");
        }
    }

    /** One child JVM per worker, all started at once; the wall time includes their start-up, which is the model's cost. */
    private Sample childProcesses(Job job) throws MeasurementException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = classesLocation();
        List<ChildProcess.Running> children = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int w = 0; w < job.workers(); w++) {
                int[] chunk = job.size().chunk(w, job.workers());
                children.add(ChildProcess.of("child JVM " + (w + 1) + "/" + job.workers() + " of " + job.describe(),
                                List.of(java, "-Xshare:auto", "-cp", classes,
                                        "concurrencyclaims.workloads.WorkloadMain", job.workload(),
                                        Integer.toString(chunk[0]), Integer.toString(chunk[1]),
                                        Long.toString(job.size().iterations())))
                        .timeout(job.timeout()).start());
            }
            long checksum = 0;
            double cpu = 0;
            long peak = -1;
            long firstStart = Long.MAX_VALUE;
            long lastEnd = Long.MIN_VALUE;
            for (ChildProcess.Running child : children) {
                ChildProcess.Result result = child.await();
                if (result.exitCode() != 0) {
                    throw new MeasurementException("child JVM of " + job.describe() + " exited with code "
                            + result.exitCode() + ChildProcess.describeTail(result.stderrTail()));
                }
                JsonNode report = parseLastLine(result.stdout(), "child JVM of " + job.describe());
                checksum += report.path("checksum").asLong();
                cpu += report.path("cpu_s").asDouble();
                peak = Math.max(peak, report.path("peak_rss_kib").asLong(-1));
                firstStart = Math.min(firstStart, report.path("work_start_ns").asLong());
                lastEnd = Math.max(lastEnd, report.path("work_end_ns").asLong());
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Sample(wall, cpu, checksum, peak, Map.of("processes", job.workers(),
                    Sample.WORK_SPAN, (lastEnd - firstStart) / 1e9));
        } finally {
            children.forEach(ChildProcess.Running::kill);
        }
    }

    static JsonNode parseLastLine(String stdout, String what) throws MeasurementException {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1];
        try {
            JsonNode node = JSON.readTree(last);
            if (node == null || !node.isObject()) {
                throw new MeasurementException(what + " printed no JSON result (last line: '" + abbreviate(last) + "')");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MeasurementException(what + " printed no JSON result (last line: '" + abbreviate(last) + "')");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String classesLocation() throws MeasurementException {
        try {
            return Path.of(IntegerHash.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new MeasurementException("cannot locate the compiled workload classes for child JVMs: " + e.getMessage());
        }
    }
}
