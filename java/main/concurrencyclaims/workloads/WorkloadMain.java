package concurrencyclaims.workloads;

import java.util.List;

/**
 * Entry point of a child JVM in the {@code child-processes} model: {@code WorkloadMain <workload> args...} runs the
 * workload's {@link JavaWorkload#childMain(List)}, found by the workload's name. Kept free of dependencies so the
 * child starts from {@code target/classes} alone.
 */
public final class WorkloadMain {
    /** What a child prints once it is up and ready to be told to start. */
    static final String READY = "ready";

    /** A child JVM's gate: says it is ready, then waits until the parent closes its stdin to release it. */
    static void awaitRelease() throws java.io.IOException {
        System.out.println(READY);
        System.out.flush();
        byte[] buffer = new byte[256];
        while (System.in.read(buffer) >= 0) {
            // Nothing is expected on stdin; only its end matters.
        }
    }

    private WorkloadMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            fail(2, "usage: WorkloadMain <workload> [arguments]");
        }
        JavaWorkload workload = JavaWorkload.named(args[0]).orElse(null);
        if (workload == null) {
            fail(2, "unknown workload '" + args[0] + "': no class " + JavaWorkload.PACKAGE + "."
                    + JavaWorkload.className(args[0]));
        }
        try {
            workload.childMain(List.of(args).subList(1, args.length));
        } catch (Exception e) {
            e.printStackTrace();
            fail(1, args[0] + " failed: " + e);
        }
        System.out.flush();
    }

    static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    private static void fail(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
