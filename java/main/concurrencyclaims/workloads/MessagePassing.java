package concurrencyclaims.workloads;

import concurrencyclaims.runtime.InteractiveChild;
import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Main sends {@code units} messages of {@code iterations} bytes to one worker and waits for each answer, the payload's
 * length. With the parameter {@code channel=message} (the default) they go over the model's usual channel: a
 * {@link BlockingQueue} to a platform thread (hands over a reference), or the stdin of a child JVM (the bytes cross a
 * pipe; the length comes back as a line on its stdout). With {@code channel=shared-memory} (child JVMs only) main
 * writes each payload into a file both JVMs map into memory (in /dev/shm where there is one) and only a one-byte
 * "go" crosses the pipe; the child copies the payload out. Details {@code bytes_moved}, {@code transfer_s} (all round
 * trips, a child's start-up excluded), {@code mib_per_s}, {@code channel}. Checksum = bytes_moved, the sum of the
 * lengths the worker answered. {@link #WARMUP_MESSAGES} untimed round trips go first (not counted either), as in the
 * Python and JavaScript versions.
 */
public final class MessagePassing implements JavaWorkload {
    public static final String NAME = "message_passing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("channel", "message (the model's usual channel, default) or shared-memory (child JVMs)");
    }

    /** The bytes the worker received: every timed message's payload. */
    @Override
    public long referenceChecksum(Job job) {
        return job.size().units() * job.size().iterations();
    }

    /** {@code <bytes> [sharedFile]}: a child JVM's part of the exchange, then its report. */
    @Override
    public void childMain(List<String> args) throws IOException {
        if (args.size() != 1 && args.size() != 2) {
            throw new IllegalArgumentException(NAME + " needs <bytes> [sharedFile]");
        }
        long received = childLoop(Integer.parseInt(args.get(0)), args.size() == 2 ? args.get(1) : null, System.out);
        System.out.println(String.format(java.util.Locale.ROOT, "{\"checksum\": %d, \"cpu_s\": %.6f}", received,
                WorkloadMain.cpuSeconds()));
    }
    static final String MESSAGE = "message";
    static final String SHARED_MEMORY = "shared-memory";
    /** Untimed round trips first, so a cold worker (a child JVM's interpreter, first pages) is not what is measured. */
    static final int WARMUP_MESSAGES = 3;

    @Override
    public List<String> models() {
        return List.of(PLATFORM_THREADS, CHILD_PROCESSES);
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        JavaWorkload.requireWorkers(job, 1);
        long size = job.size().iterations();
        if (size < 1 || size > Integer.MAX_VALUE - 8) {
            throw new MeasurementException(NAME + " needs a payload of 1 byte to 2 GiB (iterations), not " + size);
        }
        byte[] payload = new byte[(int) size];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + (i >>> 10));
        }
        String channel = job.parameters().getOrDefault("channel", MESSAGE);
        if (!List.of(MESSAGE, SHARED_MEMORY).contains(channel)) {
            throw new MeasurementException(NAME + ": unknown channel '" + channel + "' (known: message, shared-memory)");
        }
        if (!CHILD_PROCESSES.equals(job.model())) {
            if (SHARED_MEMORY.equals(channel)) {
                throw new MeasurementException(NAME + ": channel=shared-memory is for child-processes; threads of "
                        + job.model() + " share memory anyway");
            }
            return thread(job, payload);
        }
        return SHARED_MEMORY.equals(channel) ? childOverSharedMemory(job, payload) : childProcess(job, payload);
    }

    private static Sample thread(Job job, byte[] payload) throws MeasurementException {
        BlockingQueue<byte[]> toWorker = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
        int messages = WARMUP_MESSAGES + job.size().units();
        Stopwatch watch = Stopwatch.start();
        try (Workers workers = Workers.start(job, Workers.virtual(job), 1, w -> {
            for (int u = 0; u < messages; u++) {
                answers.put(toWorker.take().length);
            }
            return 0;
        })) {
            long moved = 0;
            long start = 0;
            try {
                for (int u = 0; u < messages; u++) {
                    start = u == WARMUP_MESSAGES ? System.nanoTime() : start;
                    toWorker.put(payload);
                    Integer answer;
                    while ((answer = answers.poll(10, TimeUnit.MILLISECONDS)) == null) {
                        if (!workers.threads().getFirst().isAlive() || workers.nanosLeft() <= 0) {
                            workers.await();  // names the worker's failure or the timeout
                            throw new MeasurementException("Java " + job.describe() + ": the worker ended without"
                                    + " answering message " + (u + 1));
                        }
                    }
                    moved += u < WARMUP_MESSAGES ? 0 : answer;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeasurementException("Java " + job.describe() + " was interrupted");
            }
            double transfer = (System.nanoTime() - start) / 1e9;
            workers.await();
            return watch.sample(moved, details(moved, transfer, MESSAGE));
        }
    }

    private static Sample childProcess(Job job, byte[] payload) throws MeasurementException {
        return withChild(job, payload.length, MESSAGE, List.of(), child -> child.write(payload));
    }

    private static Sample childOverSharedMemory(Job job, byte[] payload) throws MeasurementException {
        Path file;
        try {
            Path shm = Path.of("/dev/shm");
            file = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempFile(shm, "concurrency-claims-", ".buf")
                    : Files.createTempFile("concurrency-claims-", ".buf");
        } catch (IOException e) {
            throw new MeasurementException(NAME + ": cannot create the shared file: " + e.getMessage());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer shared = channel.map(FileChannel.MapMode.READ_WRITE, 0, payload.length);
            byte[] go = {1};
            return withChild(job, payload.length, SHARED_MEMORY, List.of(file.toString()), child -> {
                shared.put(0, payload);
                child.write(go);
            });
        } catch (IOException e) {
            throw new MeasurementException(NAME + ": cannot map " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // /dev/shm and the temp folder are cleared at reboot; nothing else depends on the file.
            }
        }
    }

    /** How main hands one message to the child. */
    private interface Send {
        void message(InteractiveChild child) throws MeasurementException;
    }

    private static Sample withChild(Job job, int size, String channel, List<String> extraArgs, Send send)
            throws MeasurementException {
        String what = Chunked.childName(job, 0);
        long startNanos = System.nanoTime();
        List<String> args = new java.util.ArrayList<>(List.of(NAME, Integer.toString(size)));
        args.addAll(extraArgs);
        try (InteractiveChild child = InteractiveChild.start(what, ChildJvm.command(args.toArray(String[]::new)),
                job.timeout())) {
            child.expectLine(WorkloadMain.READY);
            long moved = 0;
            long start = 0;
            for (int u = 0; u < WARMUP_MESSAGES + job.size().units(); u++) {
                start = u == WARMUP_MESSAGES ? System.nanoTime() : start;
                send.message(child);
                String answer = child.readLine();
                try {
                    long length = Long.parseLong(answer);
                    moved += u < WARMUP_MESSAGES ? 0 : length;
                } catch (NumberFormatException e) {
                    throw child.failure("answered '" + answer + "' to message " + (u + 1) + " instead of its length");
                }
            }
            double transfer = (System.nanoTime() - start) / 1e9;
            double cpu = child.finish().path("cpu_s").asDouble();
            Map<String, Object> details = details(moved, transfer, channel);
            details.put(Sample.WORK_SPAN, transfer);
            return new Sample((System.nanoTime() - startNanos) / 1e9, cpu, moved, -1, details);
        }
    }

    private static Map<String, Object> details(long moved, double transferSeconds, String channel) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bytes_moved", moved);
        details.put("transfer_s", transferSeconds);
        details.put("mib_per_s", moved / 1048576.0 / transferSeconds);
        details.put("channel", channel);
        return details;
    }

    /**
     * A child JVM's part: say ready, then read messages of {@code size} bytes from stdin and answer each with its
     * length on a line of stdout, until stdin ends; returns how many bytes it received. With {@code sharedFile}, each
     * message is one byte on stdin that says the payload waits in the mapped file.
     */
    static long childLoop(int size, String sharedFile, PrintStream out) throws IOException {
        MappedByteBuffer shared = null;
        if (sharedFile != null) {
            try (FileChannel channel = FileChannel.open(Path.of(sharedFile), StandardOpenOption.READ)) {
                shared = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
        }
        out.println(WorkloadMain.READY);
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        byte[] message = new byte[size];
        long received = 0;
        int first;
        while ((first = in.read()) >= 0) {
            if (shared != null) {
                shared.get(0, message);
            } else {
                message[0] = (byte) first;
                in.readFully(message, 1, size - 1);
            }
            received += size;
            out.println(size);
            out.flush();
        }
        return received;
    }
}
