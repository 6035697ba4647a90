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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tcp_echo workload's peer: a line-echo server on 127.0.0.1 (an ephemeral port) that a claims run starts and
 * stops. A request line {@code "<delay_ms> <payload>"} is answered with the same line after {@code delay_ms}, so a
 * request costs the client a real network wait of known length. One virtual thread per connection.
 */
public final class EchoServer implements AutoCloseable {
    private static final int MAX_DELAY_MS = 10_000;

    private final ServerSocket socket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private EchoServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().daemon().name("echo-server").start(this::accept);
    }

    public static EchoServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        return new EchoServer(socket);
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
