package concurrencyclaims.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process the one way this project allows: an argument array, a timeout, the whole process tree killed on
 * timeout, on interrupt and at JVM exit, and the tail of stderr in every error.
 */
public final class ChildProcess {
    private static final int STDERR_TAIL_LINES = 12;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Ctrl-C on Maven reaches this JVM as SIGINT: leave no child of ours behind.
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::killTree),
                "kill-child-processes"));
    }

    /** What a finished child left: its exit code, all of stdout, the last lines of stderr and how long it ran. */
    public record Result(int exitCode, String stdout, String stderrTail, Duration elapsed) {
    }

    private final List<String> command;
    private final String what;
    private Path workingDirectory;
    private Map<String, String> environment = Map.of();
    private Duration timeout = Duration.ofMinutes(5);

    private ChildProcess(String what, List<String> command) {
        this.what = what;
        this.command = List.copyOf(command);
    }

    /** {@code what} names the child in errors, e.g. "python3.11 integer_hash (threading, 2 workers)". */
    public static ChildProcess of(String what, List<String> command) {
        return new ChildProcess(what, command);
    }

    public ChildProcess in(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    public ChildProcess withEnvironment(Map<String, String> extra) {
        this.environment = Map.copyOf(extra);
        return this;
    }

    public ChildProcess timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Starts the child; use {@link Running#await()} to collect it. Lets a caller run several children at once. */
    public Running start() throws MeasurementException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MeasurementException(what + ": cannot start '" + command.getFirst() + "': " + e.getMessage());
        }
        LIVE.add(process);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // A child that does not read stdin may already have closed it.
        }
        return new Running(process, started);
    }

    /** Starts the child and waits for it; a non-zero exit is an error. */
    public Result run() throws MeasurementException {
        Result result = start().await();
        if (result.exitCode() != 0) {
            throw new MeasurementException(what + " failed with exit code " + result.exitCode()
                    + describeTail(result.stderrTail()));
        }
        return result;
    }

    /** A started child. */
    public final class Running {
        private final Process process;
        private final long startedNanos;
        private final StringBuilder stdout = new StringBuilder();
        private final Deque<String> stderrTail = new ArrayDeque<>();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        private Running(Process process, long startedNanos) {
            this.process = process;
            this.startedNanos = startedNanos;
            this.stdoutReader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), stdout));
            this.stderrReader = Thread.ofVirtual().start(() -> keepTail(process.getErrorStream()));
        }

        public long pid() {
            return process.pid();
        }

        /** Waits up to the timeout; on timeout or interrupt the whole tree is killed and an error names the child. */
        public Result await() throws MeasurementException {
            try {
                long budget = timeout.toNanos() - (System.nanoTime() - startedNanos);
                if (!process.waitFor(Math.max(budget, 0), TimeUnit.NANOSECONDS)) {
                    int killed = killTree(process);
                    joinReaders();
                    throw new MeasurementException(what + " did not finish within " + timeout.toSeconds()
                            + " s and was killed with " + killed + " descendant process(es)" + describeTail(tail()));
                }
                joinReaders();
                return new Result(process.exitValue(), stdoutText(), tail(),
                        Duration.ofNanos(System.nanoTime() - startedNanos));
            } catch (InterruptedException e) {
                killTree(process);
                Thread.currentThread().interrupt();
                throw new MeasurementException(what + " was interrupted; its process tree was killed");
            } finally {
                LIVE.remove(process);
            }
        }

        /** Kills the child and its descendants without waiting for a result. */
        public void kill() {
            killTree(process);
            LIVE.remove(process);
        }

        private void joinReaders() throws InterruptedException {
            stdoutReader.join(Duration.ofSeconds(5));
            stderrReader.join(Duration.ofSeconds(5));
        }

        private synchronized String stdoutText() {
            return stdout.toString();
        }

        private synchronized String tail() {
            return String.join("\n", stderrTail);
        }

        private void drain(InputStream in, StringBuilder into) {
            try (in) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ignored) {
                // The child was killed: what was read so far is all there is.
            }
        }

        private void keepTail(InputStream in) {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                        stderrTail.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
                        if (stderrTail.size() > STDERR_TAIL_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // As above.
            }
        }
    }

    /**
     * The report of a child that answers with one JSON object on the last line of its stdout (a child JVM, the CPython
     * driver); one line naming the child when there is none.
     */
    public static JsonNode lastJsonLine(String stdout, String what) throws MeasurementException {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1];
        try {
            JsonNode node = JSON.readTree(last);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Reported below.
        }
        throw new MeasurementException(what + " printed no JSON result (last line: '"
                + (last.length() > 200 ? last.substring(0, 200) + "…" : last) + "')");
    }

    static String describeTail(String tail) {
        return tail == null || tail.isBlank() ? " (no stderr output)" : "; stderr ends with: " + tail.strip().replace("\n", " ⏎ ");
    }

    /**
     * Kills {@code process} and every descendant, deepest first, until none is left (a child may fork while we kill).
     * Returns how many descendants were killed.
     */
    public static int killTree(Process process) {
        return killTree(process.toHandle());
    }

    public static int killTree(ProcessHandle root) {
        int killed = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            List<ProcessHandle> descendants = new ArrayList<>(root.descendants().filter(ProcessHandle::isAlive).toList());
            if (descendants.isEmpty() && !root.isAlive()) {
                break;
            }
            // Stop the root first so it cannot start more children, then the rest, deepest (newest pid) first.
            root.destroyForcibly();
            descendants.sort(Comparator.comparingLong(ProcessHandle::pid).reversed());
            for (ProcessHandle child : descendants) {
                if (child.destroyForcibly()) {
                    killed++;
                }
            }
            try {
                root.onExit().get(200, TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // Try again on the next pass.
            }
        }
        return killed;
    }
}
