package concurrencyclaims.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The many_waits workload outside the test JVM, for a test under a lowered limit and for measuring by hand.
 * {@code echo-server}: an {@link EchoServer} in this JVM, its port printed, until stdin closes (the server of a sweep
 * whose 10,000 connections would need twice the file descriptors with both ends in one JVM).
 * {@code run <model> <wait> <tasks> <wait_ms> [echo_port]}: one sample (tcp without a port: with an echo server in this
 * JVM), printed as {@code checksum <n> <details>} or {@code error <message>}, then {@code alive <n>}, the task threads
 * still alive (platform threads only: the others are not listed by {@link Thread#getAllStackTraces()}).
 */
public final class ManyWaitsMain {
    private ManyWaitsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("echo-server")) {
            try (EchoServer server = EchoServer.start()) {
                System.out.println(server.port());
                System.out.flush();
                System.in.readAllBytes();
            }
            return;
        }
        if (args.length < 5 || !args[0].equals("run")) {
            System.err.println("usage: ManyWaitsMain echo-server | run <model> <wait> <tasks> <wait_ms> [echo_port]");
            System.exit(2);
        }
        int tasks = Integer.parseInt(args[3]);
        Map<String, String> parameters = new HashMap<>(Map.of("wait", args[2]));
        EchoServer own = null;
        if (args[2].equals("tcp")) {
            if (args.length < 6) {
                own = EchoServer.start();
            }
            parameters.put("echo_port", args.length < 6 ? Integer.toString(own.port()) : args[5]);
        }
        // In this JVM, so that the tasks left alive can be counted here.
        parameters.put(concurrencyclaims.workloads.ManyWaits.JVM, concurrencyclaims.workloads.ManyWaits.THIS_JVM);
        try {
            Sample s = new JavaRuntime().run(new Job("many_waits", args[1], tasks,
                    new WorkloadSize(tasks, Long.parseLong(args[4])), Duration.ofSeconds(120), parameters));
            System.out.println("checksum " + s.checksum() + " " + s.details());
        } catch (MeasurementException e) {
            System.out.println("error " + e.getMessage());
        } finally {
            if (own != null) {
                own.close();
            }
        }
        System.out.println("alive " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(concurrencyclaims.workloads.ManyWaits.TASK_THREAD) && t.isAlive())
                .count());
    }
}
