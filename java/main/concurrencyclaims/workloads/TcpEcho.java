package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code units} requests to the harness's echo server on 127.0.0.1:{@code echo_port}, a request being the line
 * {@code "<iterations> unit-<u>"} that the server echoes after {@code iterations} ms. Each worker opens one connection
 * and sends its chunk's requests one after another, waiting for each reply. Checksum = correct echoes.
 */
public final class TcpEcho extends ChunkedWorkload {
    public static final String NAME = "tcp_echo";
    /** The port of the loopback echo server, which the harness starts for any workload that takes this parameter. */
    public static final String PORT = "echo_port";
    static final int SOCKET_TIMEOUT_MS = 30_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of(PORT, "port of the run's echo server on 127.0.0.1 (the harness gives it)");
    }

    @Override
    protected Map<String, String> prepare(Job job) throws MeasurementException {
        String port = job.parameter(PORT);
        try {
            Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new MeasurementException(NAME + ": the parameter " + PORT + " is not a port number: '" + port + "'");
        }
        return job.parameters();
    }

    @Override
    protected long units(int from, int to, long iterations, Map<String, String> parameters) throws IOException {
        return requests(Integer.parseInt(parameter(parameters, PORT)), from, to, iterations);
    }

    /** Every request echoed counts one: the checksum is the number of units. */
    @Override
    public long referenceChecksum(Job job) {
        return JavaWorkload.units(job.size());
    }

    /** Sends the requests of units {@code [from, to)} over one connection; returns how many came back unchanged. */
    public static long requests(int port, int from, int to, long delayMs) throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(server, SOCKET_TIMEOUT_MS);
            } catch (IOException e) {
                throw new IOException("cannot connect to the echo server at " + server + ": " + e.getMessage(), e);
            }
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            long correct = 0;
            for (int u = from; u < to; u++) {
                String request = delayMs + " unit-" + u;
                out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String echo;
                try {
                    echo = in.readLine();
                } catch (SocketTimeoutException e) {
                    throw new IOException("no echo for unit " + u + " from " + server + " within "
                            + SOCKET_TIMEOUT_MS / 1000 + " s", e);
                }
                if (echo == null) {
                    throw new IOException("the echo server at " + server + " closed the connection at unit " + u);
                }
                if (echo.equals(request)) {
                    correct++;
                }
            }
            return correct;
        }
    }
}
