package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Main sends {@code units} messages of {@code iterations} bytes to one worker over the model's usual channel and
 * waits for each answer, the payload's length: a {@link BlockingQueue} to a platform thread (hands over a reference),
 * or the stdin of a child JVM (the bytes cross a pipe; the length comes back as a line on its stdout). Details
 * {@code bytes_moved}, {@code transfer_s} (all round trips, a child's start-up excluded), {@code mib_per_s}. Checksum =
 * bytes_moved, the sum of the lengths the worker answered.
 */
public final class MessagePassing implements JavaWorkload {
    public static final String NAME = "message_passing";
    static final String READY = "ready";

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
        return CHILD_PROCESSES.equals(job.model()) ? childProcess(job, payload) : thread(job, payload);
    }

    private static Sample thread(Job job, byte[] payload) throws MeasurementException {
        BlockingQueue<byte[]> toWorker = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
        int units = job.size().units();
        Stopwatch watch = Stopwatch.start();
        try (Workers workers = Workers.start(job, Workers.virtual(job), 1, w -> {
            for (int u = 0; u < units; u++) {
                answers.put(toWorker.take().length);
            }
            return 0;
        })) {
            long moved = 0;
            long start = System.nanoTime();
            try {
                for (int u = 0; u < units; u++) {
                    toWorker.put(payload);
                    Integer answer;
                    while ((answer = answers.poll(10, TimeUnit.MILLISECONDS)) == null) {
                        if (!workers.threads().getFirst().isAlive() || workers.nanosLeft() <= 0) {
                            workers.await();  // names the worker's failure or the timeout
                            throw new MeasurementException("Java " + job.describe() + ": the worker ended without"
                                    + " answering message " + (u + 1));
                        }
                    }
                    moved += answer;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeasurementException("Java " + job.describe() + " was interrupted");
            }
            double transfer = (System.nanoTime() - start) / 1e9;
            workers.await();
            return watch.sample(moved, details(moved, transfer));
        }
    }

    private static Sample childProcess(Job job, byte[] payload) throws MeasurementException {
        String what = Chunked.childName(job, 0);
        long startNanos = System.nanoTime();
        try (InteractiveChild child = InteractiveChild.start(what,
                ChildJvm.command(NAME, Integer.toString(payload.length)), job.timeout())) {
            child.expectLine(READY);
            long moved = 0;
            long start = System.nanoTime();
            for (int u = 0; u < job.size().units(); u++) {
                child.write(payload);
                String answer = child.readLine();
                try {
                    moved += Long.parseLong(answer);
                } catch (NumberFormatException e) {
                    throw child.failure("answered '" + answer + "' to message " + (u + 1) + " instead of its length");
                }
            }
            double transfer = (System.nanoTime() - start) / 1e9;
            double cpu = child.finish().path("cpu_s").asDouble();
            Map<String, Object> details = details(moved, transfer);
            details.put(Sample.WORK_SPAN, transfer);
            return new Sample((System.nanoTime() - startNanos) / 1e9, cpu, moved, -1, details);
        }
    }

    private static Map<String, Object> details(long moved, double transferSeconds) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bytes_moved", moved);
        details.put("transfer_s", transferSeconds);
        details.put("mib_per_s", moved / 1048576.0 / transferSeconds);
        return details;
    }

    /**
     * A child JVM's part: say ready, then read messages of {@code size} bytes from stdin and answer each with its
     * length on a line of stdout, until stdin ends; returns how many bytes it received.
     */
    static long childLoop(int size, PrintStream out) throws IOException {
        out.println(READY);
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        byte[] message = new byte[size];
        long received = 0;
        int first;
        while ((first = in.read()) >= 0) {
            message[0] = (byte) first;
            in.readFully(message, 1, size - 1);
            received += size;
            out.println(size);
            out.flush();
        }
        return received;
    }
}
