package concurrencyclaims.lab;

import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.MeasurementException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the harness takes away from a student's process where the OS lets it: the network (a new, empty network
 * namespace through util-linux {@code unshare}, which an unprivileged user gets where user namespaces are enabled
 * and root always), and memory beyond {@link #memoryMib} (each language's own limit: RLIMIT_AS for Python, the heap
 * for Node and Java). The timeout and the killing of the whole process tree are every child process's.
 */
public final class Sandbox {
    /** A student's process may use this much memory (Python: address space; Node, Java: heap). */
    public static final int DEFAULT_MEMORY_MIB = 2048;

    private final List<String> prefix;
    private final String network;
    private final int memoryMib;

    private Sandbox(List<String> prefix, String network, int memoryMib) {
        this.prefix = prefix;
        this.network = network;
        this.memoryMib = memoryMib;
    }

    /** Tries {@code unshare --net} (as root) or {@code unshare --net --map-root-user} and uses what works. */
    public static Sandbox probe(int memoryMib) {
        return new Sandbox(PREFIX.prefix, PREFIX.network, memoryMib);
    }

    /** What this machine allows, probed once per JVM. */
    private static final Sandbox PREFIX = probeOnce();

    private static Sandbox probeOnce() {
        int memoryMib = DEFAULT_MEMORY_MIB;
        for (List<String> candidate : List.of(List.of("unshare", "--net"), List.of("unshare", "--net", "--map-root-user"))) {
            List<String> command = new ArrayList<>(candidate);
            command.add("true");
            try {
                ChildProcess.of("unshare probe", command).timeout(Duration.ofSeconds(10)).run();
                return new Sandbox(candidate, "none: a network namespace of its own (" + String.join(" ", candidate)
                        + ")", memoryMib);
            } catch (MeasurementException e) {
                // Not allowed here: try the next way, else run with the network.
            }
        }
        return new Sandbox(List.of(), "not taken away: this machine lets neither root nor this user make a network"
                + " namespace (unshare --net); grade on a machine that does", memoryMib);
    }

    public int memoryMib() {
        return memoryMib;
    }

    /** Whether the child runs isolated from the file system, other processes and the network (bubblewrap). */
    public boolean isolated() {
        return false;
    }

    /**
     * The argument array that runs {@code command} in the sandbox, where it may read {@code readable} (files and
     * folders, at the same paths, read-only) beside the system's own folders.
     */
    List<String> wrap(List<String> command, java.util.Collection<java.nio.file.Path> readable) {
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(command);
        return wrapped;
    }

    Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("network", network);
        details.put("memory_mib", memoryMib);
        return details;
    }
}
