package concurrencyclaims.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code python/driver.py serve} process kept across samples and asked for one report a request: started on the
 * first request, and again after a failed run (which ends it) or a request that outlasted its timeout (which kills it
 * with its descendants). Its stdin stays open; when this JVM dies, the end of it ends the server.
 */
final class DriverServer implements AutoCloseable {
    /** The server's command line, which may take reading a file to make. */
    interface Command {
        List<String> get() throws MeasurementException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final String name;
    private final Command command;
    private final Map<String, String> environment;
    private final Duration startTimeout;
    private volatile InteractiveChild child;

    /** {@code name} says what the server is in errors ("GraalPy's JVM"); a first request may take {@code startTimeout} more. */
    DriverServer(String name, Command command, Duration startTimeout) {
        this(name, command, Map.of(), startTimeout);
    }

    /** The same for a server that needs {@code environment} added to this JVM's. */
    DriverServer(String name, Command command, Map<String, String> environment, Duration startTimeout) {
        this.name = name;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.startTimeout = startTimeout;
    }

    /** Sends {@code argv} (the arguments of {@code describe} or {@code run}) and returns the report it answers with. */
    synchronized JsonNode request(List<String> argv, Duration timeout, String what) throws MeasurementException {
        if (child == null) {
            child = InteractiveChild.start(name, command.get(), environment, LIFETIME);
            timeout = timeout.plus(startTimeout);
        }
        InteractiveChild server = child;
        try {
            server.write((JSON.writeValueAsString(argv) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new MeasurementException(what + ": cannot write the request: " + e.getMessage());
        }
        FutureTask<String> reading = new FutureTask<>(server::readLine);
        Thread.ofVirtual().name("reads " + what).start(reading);
        String line;
        try {
            line = reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new MeasurementException(what + " did not finish within " + timeout.toSeconds() + " s; " + name
                    + " was killed with its descendants");
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof MeasurementException m ? m : new MeasurementException(what + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new MeasurementException(what + " was interrupted");
        }
        JsonNode answer = ChildProcess.lastJsonLine(line, what);
        if (answer.has("report")) {
            return answer.get("report");
        }
        int exitCode = answer.path("exit_code").asInt(1);
        if (exitCode != 2) {
            close();  // it ends itself after a failed run; make sure
        }
        throw new MeasurementException(what + " failed (exit code " + exitCode + "): "
                + answer.path("error").asText(line));
    }

    /** The running server's process id, if one is running; does not wait for a request in progress. */
    OptionalLong pid() {
        InteractiveChild running = child;
        return running == null ? OptionalLong.empty() : OptionalLong.of(running.pid());
    }

    /** Ends the server with its whole tree; the next request starts another. */
    @Override
    public synchronized void close() {
        if (child != null) {
            child.close();
            child = null;
        }
    }
}
