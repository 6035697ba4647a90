package concurrencyclaims.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory of a process tree from Linux /proc: a process and all its descendants (found through
 * {@code /proc/<pid>/task/<tid>/children}), each one's {@code Pss:} and {@code Rss:} from {@code smaps_rollup}.
 * PSS shares every page among the processes mapping it, so the tree's PSS sum counts a shared library once.
 */
public final class ProcTree {
    /** Kilobytes as the kernel reports them (KiB). */
    public record Memory(long pssKiB, long rssKiB, int processes) {
    }

    private ProcTree() {
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/smaps_rollup"));
    }

    /**
     * PSS and RSS summed over {@code root} itself and {@code children} with their descendants (the processes a
     * measurement started, not every child the process has, such as another runtime's interpreter kept for the run);
     * a process that exits meanwhile counts as nothing.
     */
    public static Memory of(long root, List<Long> children) throws IOException {
        long pss = 0;
        long rss = 0;
        List<Long> pids = new ArrayList<>(List.of(root));
        children.forEach(child -> pids.addAll(tree(child)));
        for (long pid : pids) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
            } catch (IOException e) {
                if (pid == root) {
                    throw e;
                }
                continue;  // exited
            }
            for (String line : lines) {
                if (line.startsWith("Pss:")) {
                    pss += kib(line);
                } else if (line.startsWith("Rss:")) {
                    rss += kib(line);
                }
            }
        }
        return new Memory(pss, rss, pids.size());
    }

    /** {@code root} and its descendants, parents before children. */
    public static List<Long> tree(long root) {
        List<Long> pids = new ArrayList<>(List.of(root));
        for (int i = 0; i < pids.size(); i++) {
            pids.addAll(children(pids.get(i)));
        }
        return pids;
    }

    private static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    for (String child : Files.readString(task.resolve("children")).trim().split("\\s+")) {
                        if (!child.isEmpty()) {
                            children.add(Long.parseLong(child));
                        }
                    }
                } catch (IOException e) {
                    // The thread ended while we looked.
                }
            }
        } catch (IOException e) {
            // The process ended while we looked.
        }
        return children;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
