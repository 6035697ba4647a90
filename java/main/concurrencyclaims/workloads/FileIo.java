package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each unit writes {@code iterations} KiB of deterministic bytes to its own file in a fresh temporary folder, 4 KiB
 * at a time with each block forced to the device ({@link FileChannel#force(boolean) force(false)}, fdatasync, as a log
 * that syncs every record does), reads the file back and compares. Chunks per
 * worker as sleep_wait; the folder is removed at the end, also on failure. Checksum = units.
 */
public final class FileIo implements JavaWorkload {
    public static final String NAME = "file_io";
    private static final int BLOCK = 64 * 1024;
    /** Bytes written between two syncs: one page, the smallest write a device is asked to make durable. */
    private static final int SYNC_BLOCK = 4096;

    private final Path root;

    /** Temporary folders under the JVM's temporary directory. */
    public FileIo() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Temporary folders under {@code root}. */
    public FileIo(Path root) {
        this.root = root;
    }

    @Override
    public List<String> models() {
        return Chunked.MODELS;
    }

    @Override
    public Sample run(Job job) throws MeasurementException {
        Path folder;
        try {
            folder = Files.createTempDirectory(root, "concurrency-claims-file_io-");
        } catch (IOException e) {
            throw new MeasurementException(NAME + ": cannot create a temporary folder in " + root + ": " + e.getMessage());
        }
        long kib = job.size().iterations();
        Sample sample;
        try {
            sample = Chunked.run(job, (from, to) -> files(folder, from, to, kib), folder.toString());
        } catch (MeasurementException | RuntimeException e) {
            try {
                deleteRecursively(folder);
            } catch (MeasurementException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        deleteRecursively(folder);
        return sample;
    }

    /** Writes, forces, reads back and checks the file of every unit in {@code [from, to)}; returns how many. */
    public static long files(Path folder, int from, int to, long kib) throws IOException {
        ByteBuffer expected = ByteBuffer.allocate(BLOCK);
        ByteBuffer actual = ByteBuffer.allocate(BLOCK);
        long size = kib * 1024;
        for (int u = from; u < to; u++) {
            Path file = folder.resolve("unit-" + u + ".bin");
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (long offset = 0; offset < size; offset += SYNC_BLOCK) {
                    fill(expected, u, offset, (int) Math.min(SYNC_BLOCK, size - offset));
                    while (expected.hasRemaining()) {
                        out.write(expected);
                    }
                    out.force(false);
                }
            }
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long offset = 0; offset < size; offset += BLOCK) {
                    int length = (int) Math.min(BLOCK, size - offset);
                    fill(expected, u, offset, length);
                    actual.clear().limit(length);
                    while (actual.hasRemaining()) {
                        if (in.read(actual) < 0) {
                            throw new IOException(file + " is shorter than the " + size + " bytes written");
                        }
                    }
                    if (!actual.flip().equals(expected)) {
                        throw new IOException(file + " reads back other bytes than were written near offset " + offset);
                    }
                }
                if (in.size() != size) {
                    throw new IOException(file + " has " + in.size() + " bytes, not the " + size + " written");
                }
            }
        }
        return to - from;
    }

    /** The bytes {@code [offset, offset + length)} of unit {@code unit}'s file, ready to be read from {@code buffer}. */
    private static void fill(ByteBuffer buffer, int unit, long offset, int length) {
        buffer.clear();
        for (int i = 0; i < length; i++) {
            long at = offset + i;
            buffer.put((byte) (unit * 131 + at * 31 + (at >>> 10)));
        }
        buffer.flip();
    }

    static void deleteRecursively(Path folder) throws MeasurementException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {  // a killed child may still have been creating a file
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new MeasurementException(NAME + ": cannot remove the temporary folder " + folder + ": " + last.getMessage());
    }
}
