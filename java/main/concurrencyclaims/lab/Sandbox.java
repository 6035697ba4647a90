package concurrencyclaims.lab;

import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.MeasurementException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a student's process runs: in Debian's bubblewrap ({@code bwrap}) where this machine allows it, for root and
 * for an unprivileged user alike (user namespaces). Inside, the child sees the system's folders and the paths its
 * caller lets it read, all read-only at their own paths, a private empty /tmp (its working directory), its own /proc
 * and /dev, and nothing else of the file system; it has its own PID namespace (whatever it starts, detached or not,
 * dies with it), no network but an empty loopback, its own IPC and UTS namespaces, no capabilities, and it cannot make
 * user namespaces of its own. Memory beyond {@link #memoryMib} is each language's own limit (RLIMIT_AS for Python,
 * the heap for Node and Java): bubblewrap limits neither CPU nor memory; the timeout and the killing of the whole
 * process tree are every child process's.
 *
 * <p>Where bubblewrap cannot be had the child runs unsandboxed, with at most its network taken away
 * ({@code unshare --net}), and {@link #describe} says why; a lab run is then not gradable unless the instructor
 * accepts it ({@code -Dlab.unsandboxed=accept}).
 */
public final class Sandbox {
    /** A student's process may use this much memory (Python: address space; Node, Java: heap). */
    public static final int DEFAULT_MEMORY_MIB = 2048;

    /** The system's own folders, read-only; on a merged-/usr system /bin, /sbin and /lib* are links into /usr. */
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
            "/etc");

    /**
     * Everything bubblewrap can take away without harm to an interpreter. --unshare-user is implicit for an
     * unprivileged user; given explicitly it also puts root's child in a user namespace, so that --disable-userns
     * can forbid it nested ones (kernel attack surface, nothing a lab needs).
     */
    private static final List<String> NAMESPACES = List.of("--unshare-user", "--disable-userns", "--unshare-pid",
            "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent",
            "--new-session");
    /** Where a kernel or container refuses a user namespace to root, root can still make the others. */
    private static final List<String> NAMESPACES_WITHOUT_USER = NAMESPACES.subList(2, NAMESPACES.size());

    private final String bwrap;              // null: not isolated
    private final List<String> namespaces;
    private final List<String> prefix;       // unsandboxed: unshare --net, or nothing
    private final String sandbox;
    private final String network;
    private final int memoryMib;

    private Sandbox(String bwrap, List<String> namespaces, List<String> prefix, String sandbox, String network,
                    int memoryMib) {
        this.bwrap = bwrap;
        this.namespaces = namespaces;
        this.prefix = prefix;
        this.sandbox = sandbox;
        this.network = network;
        this.memoryMib = memoryMib;
    }

    /** The sandbox this machine allows (probed once per JVM), with {@code memoryMib} for the languages' limits. */
    public static Sandbox probe(int memoryMib) {
        return new Sandbox(PROBED.bwrap, PROBED.namespaces, PROBED.prefix, PROBED.sandbox, PROBED.network, memoryMib);
    }

    private static final Sandbox PROBED = probeOnce();

    private static Sandbox probeOnce() {
        Optional<Path> bwrap = onPath("bwrap");
        String why;
        if (bwrap.isEmpty()) {
            why = "bubblewrap (bwrap) is not installed: apt-get install bubblewrap";
        } else {
            why = null;
            for (List<String> namespaces : List.of(NAMESPACES, NAMESPACES_WITHOUT_USER)) {
                Sandbox candidate = new Sandbox(bwrap.get().toString(), namespaces, List.of(), "", "", DEFAULT_MEMORY_MIB);
                try {
                    ChildProcess.of("bubblewrap probe", candidate.wrap(List.of("true"), List.of()))
                            .timeout(Duration.ofSeconds(10)).run();
                    return new Sandbox(candidate.bwrap, namespaces, List.of(), version(bwrap.get()) + ": read-only "
                            + "system folders and the harness's, a private /tmp, its own PID, network, IPC and UTS "
                            + "namespaces (" + String.join(" ", namespaces) + ")", "none but loopback (bubblewrap)",
                            DEFAULT_MEMORY_MIB);
                } catch (MeasurementException e) {
                    if (why == null) {  // the full set's failure is the one worth reading
                        why = "bwrap fails on this machine (user namespaces disabled, or a container that forbids "
                                + "them?): " + e.getMessage().lines().filter(l -> l.contains("bwrap:")).findFirst()
                                .map(l -> l.substring(l.indexOf("bwrap:")))
                                .orElse(e.getMessage().lines().findFirst().orElse("")).strip();
                    }
                }
            }
        }
        String sandbox = "none: " + why;
        for (List<String> candidate : List.of(List.of("unshare", "--net"), List.of("unshare", "--net", "--map-root-user"))) {
            List<String> command = new ArrayList<>(candidate);
            command.add("true");
            try {
                ChildProcess.of("unshare probe", command).timeout(Duration.ofSeconds(10)).run();
                return new Sandbox(null, List.of(), candidate, sandbox, "none: a network namespace of its own ("
                        + String.join(" ", candidate) + ")", DEFAULT_MEMORY_MIB);
            } catch (MeasurementException e) {
                // Not allowed here: try the next way, else run with the network.
            }
        }
        return new Sandbox(null, List.of(), List.of(), sandbox, "not taken away: this machine lets neither root nor "
                + "this user make a network namespace (unshare --net)", DEFAULT_MEMORY_MIB);
    }

    private static Optional<Path> onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static String version(Path bwrap) {
        try {
            String out = ChildProcess.of("bwrap --version", List.of(bwrap.toString(), "--version"))
                    .timeout(Duration.ofSeconds(10)).run().stdout().strip();
            return out.isEmpty() ? "bubblewrap" : out;
        } catch (MeasurementException e) {
            return "bubblewrap";
        }
    }

    public int memoryMib() {
        return memoryMib;
    }

    /** Whether the child runs isolated from the file system, other processes and the network (bubblewrap). */
    public boolean isolated() {
        return bwrap != null;
    }

    /**
     * The argument array that runs {@code command} in the sandbox, where it may read {@code readable} (files and
     * folders, at the same paths, read-only) beside the system's own folders. Its working directory is its private
     * /tmp. Unsandboxed: {@code command} as it is, behind {@code unshare --net} where that works.
     */
    List<String> wrap(List<String> command, Collection<Path> readable) {
        List<String> wrapped = new ArrayList<>();
        if (bwrap == null) {
            wrapped.addAll(prefix);
            wrapped.addAll(command);
            return wrapped;
        }
        wrapped.add(bwrap);
        for (String folder : SYSTEM) {
            Path path = Path.of(folder);
            if (Files.isSymbolicLink(path)) {
                try {
                    wrapped.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), folder));
                } catch (java.io.IOException e) {
                    // Unreadable link: leave it out, as a missing folder.
                }
            } else if (Files.isDirectory(path)) {
                wrapped.addAll(List.of("--ro-bind", folder, folder));
            }
        }
        wrapped.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        // After /tmp, so that a readable path under /tmp (a copy of the submission) is not covered by it.
        for (Path path : readable) {
            String absolute = path.toAbsolutePath().normalize().toString();
            wrapped.addAll(List.of("--ro-bind", absolute, absolute));
        }
        // The root is a tmpfs bubblewrap made to hold the mount points: read-only too, once they are made.
        wrapped.addAll(List.of("--remount-ro", "/"));
        wrapped.addAll(namespaces);
        // The caller's working directory and TMPDIR are not in the sandbox.
        wrapped.addAll(List.of("--chdir", "/tmp", "--setenv", "TMPDIR", "/tmp", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sandbox", sandbox);
        details.put("isolated", isolated());
        details.put("network", network);
        details.put("memory_mib", memoryMib);
        return details;
    }

    /** What {@link #describe} says under "sandbox": bubblewrap and what it takes away, or "none: why". */
    String summary() {
        return sandbox;
    }
}
