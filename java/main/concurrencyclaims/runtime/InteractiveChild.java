package concurrencyclaims.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived child whose stdin stays open, for children that are talked to ({@code message_passing}) or that block
 * on stdin until released ({@code idle_memory}); {@link ChildProcess} closes stdin at start. Same guarantees: an
 * argument array, a watchdog that kills the whole tree at the timeout, the whole tree killed on {@link #close()} when
 * still alive, and the tail of stderr in every error. A child blocked reading stdin also ends when this JVM dies.
 */
public final class InteractiveChild implements AutoCloseable {
    private static final int STDERR_TAIL_LINES = 12;

    private final String what;
    private final Duration timeout;
    private final Process process;
    private final long deadline;
    private final BufferedInputStream stdout;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrReader;
    private final Thread watchdog;
    private volatile boolean timedOut;

    private InteractiveChild(String what, Duration timeout, Process process) {
        this.what = what;
        this.timeout = timeout;
        this.process = process;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.stdout = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.stderrReader = Thread.ofVirtual().name("stderr of " + what).start(this::keepStderrTail);
        this.watchdog = Thread.ofVirtual().name("watchdog of " + what).start(this::killAtDeadline);
    }

    /** {@code what} names the child in errors, e.g. "child JVM 1/2 of idle_memory · child-processes · 2 workers". */
    public static InteractiveChild start(String what, List<String> command, Duration timeout) throws MeasurementException {
        return start(what, command, java.util.Map.of(), timeout);
    }

    /** The same, with {@code environment} added to this JVM's. */
    public static InteractiveChild start(String what, List<String> command, java.util.Map<String, String> environment,
                                         Duration timeout) throws MeasurementException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return new InteractiveChild(what, timeout, builder.start());
        } catch (IOException e) {
            throw new MeasurementException(what + ": cannot start '" + command.getFirst() + "': " + e.getMessage());
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Writes and flushes {@code bytes} to the child's stdin. */
    public void write(byte[] bytes) throws MeasurementException {
        try {
            OutputStream in = process.getOutputStream();
            in.write(bytes);
            in.flush();
        } catch (IOException e) {
            throw failure("stopped reading its stdin (" + e.getMessage() + ")");
        }
    }

    /** The next line of the child's stdout, without the line end; the end of its output is an error. */
    public String readLine() throws MeasurementException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        try {
            int b;
            while ((b = stdout.read()) != '\n') {
                if (b < 0) {
                    throw failure("ended its output early" + (line.size() > 0 ? " (partial line '" + line + "')" : ""));
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw failure("could not be read (" + e.getMessage() + ")");
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }

    /** Reads one line and fails unless it is {@code expected}. */
    public void expectLine(String expected) throws MeasurementException {
        String line = readLine();
        if (!expected.equals(line)) {
            throw failure("said '" + line + "' where '" + expected + "' was expected");
        }
    }

    /** Closes the child's stdin, which tells a child that reads it to finish. */
    public void release() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // A child that already closed its end has nothing more to read anyway.
        }
    }

    /** Closes the child's stdin, waits for it to exit within the timeout and returns its final JSON report. */
    public JsonNode finish() throws MeasurementException {
        release();
        String rest;
        try {
            rest = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("could not be read (" + e.getMessage() + ")");
        }
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                ChildProcess.killTree(process);
                throw failure("did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted");
        }
        if (process.exitValue() != 0) {
            throw failure("failed with exit code " + process.exitValue());
        }
        return ChildProcess.lastJsonLine(rest.isBlank() ? "-" : rest, what);
    }

    /** An error naming the child, the timeout when the watchdog killed it, and the end of its stderr. */
    public MeasurementException failure(String problem) {
        boolean killed = timedOut;
        if (process.isAlive()) {
            ChildProcess.killTree(process);
        }
        try {
            stderrReader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail;
        synchronized (stderrTail) {
            tail = String.join(" ⏎ ", stderrTail).strip();
        }
        return new MeasurementException(what + " " + problem
                + (killed ? " and was killed with its descendants after the " + timeout.toSeconds() + " s timeout" : "")
                + (tail.isEmpty() ? " (no stderr output)" : "; stderr ends with: " + tail));
    }

    /** Kills the child and its descendants if still alive; stops the watchdog. */
    @Override
    public void close() {
        watchdog.interrupt();
        if (process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive)) {
            ChildProcess.killTree(process);
        }
    }

    private void killAtDeadline() {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            return;  // closed in time
        }
        if (process.isAlive()) {
            timedOut = true;
            ChildProcess.killTree(process);
        }
    }

    private void keepStderrTail() {
        try (InputStream in = process.getErrorStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
                    if (stderrTail.size() > STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // The child was killed: what was read so far is all there is.
        }
    }
}
