package concurrencyclaims.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tcp_echo workload's peer: a line-echo server on 127.0.0.1 (an ephemeral port) that a claims run starts and
 * stops. A request line {@code "<delay_ms> <payload>"} is answered with the same line after {@code delay_ms}, so a
 * request costs the client a real network wait of known length. One virtual thread per connection. A claims run starts
 * it in a JVM of its own ({@link #startInChildJvm}): a workload in the harness's JVM holding 10,000 connections then
 * holds 10,000 file descriptors, not 20,000, and the server's threads take no CPU from the harness's own.
 */
public final class EchoServer implements AutoCloseable {
    private static final int MAX_DELAY_MS = 10_000;
    /** Linux caps it at net.core.somaxconn (4096 by default). */
    private static final int BACKLOG = 4096;
    private static final String PORT_LINE = "port ";

    private final ServerSocket socket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private EchoServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().daemon().name("echo-server").start(this::accept);
    }

    public static EchoServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        // Thousands of tasks connect at once: a short accept queue would make some retry their SYN a second later.
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        return new EchoServer(socket);
    }

    /** The server in a child JVM, alive until {@link Remote#close()} or until this JVM exits (its stdin closes). */
    public static Remote startInChildJvm() throws MeasurementException {
        List<String> command;
        try {
            command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                    "-cp", Path.of(EchoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString(), EchoServer.class.getName());
        } catch (java.net.URISyntaxException e) {
            throw new MeasurementException("cannot locate the compiled classes for the echo server's JVM: " + e.getMessage());
        }
        InteractiveChild child = InteractiveChild.start("the echo server's JVM", command, Duration.ofDays(1));
        try {
            String line = child.readLine();
            if (line == null || !line.startsWith(PORT_LINE)) {
                throw child.failure("said '" + line + "' where '" + PORT_LINE + "<number>' was expected");
            }
            return new Remote(child, Integer.parseInt(line.substring(PORT_LINE.length()).strip()));
        } catch (MeasurementException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** The server in its child JVM. */
    public record Remote(InteractiveChild child, int port) implements AutoCloseable {
        @Override
        public void close() {
            child.release();
            child.close();
        }
    }

    /** The child JVM's part: serve until stdin closes. */
    public static void main(String[] args) throws IOException {
        try (EchoServer server = start()) {
            System.out.println(PORT_LINE + server.port());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;  // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = connection.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                int delay = Math.min(MAX_DELAY_MS, Integer.parseInt(space < 0 ? line : line.substring(0, space)));
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | NumberFormatException | InterruptedException e) {
            // A client that hangs up or talks nonsense loses its connection, nothing else.
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
        connections.forEach(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // As above.
            }
        });
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
