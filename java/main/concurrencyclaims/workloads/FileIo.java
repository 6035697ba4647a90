package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Each unit writes {@code iterations} KiB of deterministic bytes to its own file in a fresh temporary folder, 4 KiB
 * at a time with each block forced to the device ({@link FileChannel#force(boolean) force(false)}, fdatasync, as a log
 * that syncs every record does), reads the file back and compares. Chunks per
 * worker as sleep_wait; the folder is removed at the end, also on failure. Checksum = units.
 */
public final class FileIo extends ChunkedWorkload {
    public static final String NAME = "file_io";
    private static final int BLOCK = 64 * 1024;
    /** Bytes written between two syncs: one page, the smallest write a device is asked to make durable. */
    private static final int SYNC_BLOCK = 4096;
    /** The parameter that carries the run's temporary folder to the chunks (and to child JVMs). */
    private static final String FOLDER = "folder";

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
    public String name() {
        return NAME;
    }

    @Override
    protected Map<String, String> prepare(Job job) throws MeasurementException {
        try {
            Map<String, String> prepared = new java.util.TreeMap<>(job.parameters());
            prepared.put(FOLDER, Files.createTempDirectory(root, "concurrency-claims-file_io-").toString());
            return prepared;
        } catch (IOException e) {
            throw new MeasurementException(NAME + ": cannot create a temporary folder in " + root + ": " + e.getMessage());
        }
    }

    @Override
    protected void cleanUp(Map<String, String> prepared) throws MeasurementException {
        deleteRecursively(Path.of(prepared.get(FOLDER)));
    }

    @Override
    protected long units(int from, int to, long iterations, Map<String, String> parameters) throws IOException {
        return files(Path.of(parameter(parameters, FOLDER)), from, to, iterations);
    }

    /** Every file read back unchanged counts one: the checksum is the number of units. */
    @Override
    public long referenceChecksum(Job job) {
        return JavaWorkload.units(job.size());
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
