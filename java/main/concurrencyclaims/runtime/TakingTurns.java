package concurrencyclaims.runtime;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java side of {@link Job#TURNS_LOCK}: an exclusive turn among threads and processes alike, taken by creating a
 * directory (atomic in every language the suite drives) and given back by removing it. Python's and JS's drivers do
 * the same with os.mkdir and fs.mkdirSync, so workers of any runtime can be made to take turns.
 */
public final class TakingTurns implements AutoCloseable {
    /** How long a worker waits for its turn before it fails rather than hangs (a lock left by a killed worker). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TakingTurns NONE = new TakingTurns(null);

    private final Path lock;

    private TakingTurns(Path lock) {
        this.lock = lock;
    }

    /** Waits for the turn at {@code lockPath}; with no path (the usual case) returns at once and holds nothing. */
    public static TakingTurns take(String lockPath) throws IOException, InterruptedException {
        if (lockPath == null || lockPath.isEmpty()) {
            return NONE;
        }
        Path lock = Path.of(lockPath);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                Files.createDirectory(lock);
                return new TakingTurns(lock);
            } catch (FileAlreadyExistsException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no turn at " + lock + " within " + PATIENCE.toSeconds() + " s", e);
                }
                Thread.sleep(1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            Files.delete(lock);
        }
    }
}
