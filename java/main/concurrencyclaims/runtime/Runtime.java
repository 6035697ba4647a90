package concurrencyclaims.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of running workloads: an adapter around a language implementation (the test JVM itself, a CPython
 * interpreter, embedded Node.js, ...). Claims name a runtime by {@link #kind()}; several runtimes of one kind may exist
 * (one per CPython interpreter found), each a column in the report.
 */
public interface Runtime extends AutoCloseable {

    /** Unique in a run and stable across runs, e.g. {@code java}, {@code cpython-3.11.7}. */
    String id();

    /** What claim files refer to: {@code java}, {@code cpython}, {@code javet}, {@code graaljs}, {@code node}. */
    String kind();

    /** {@code java}, {@code python} or {@code js}; also the JUnit tag of its claims. */
    String language();

    /** Empty when usable; otherwise one sentence saying why not and what to do (the claim becomes UNAVAILABLE). */
    Optional<String> unavailableReason();

    /** The models this runtime can run right now (a subset of what its kind may offer). */
    List<String> models();

    /** Why this runtime does not offer {@code model} when its kind may, where it knows; empty otherwise. */
    default Optional<String> modelNotOfferedBecause(String model) {
        return Optional.empty();
    }

    /** The model used to calibrate the workload size and as the sequential baseline. */
    default String sequentialModel() {
        return "sequential";
    }

    /** Warm-up rounds this runtime needs before its times mean anything (its JIT warms up slowly). */
    default int minimumWarmups() {
        return 0;
    }

    /**
     * Called once before the first measurement of a claims run: time-consuming preparation that a measurement needs
     * but a single sample (a test's, say) does not, such as letting a JIT finish its own warm-up.
     */
    default void prepareForMeasuring() throws MeasurementException {
    }

    /**
     * The shortest sequential run a workload sized by time may take on this runtime, in seconds, when the run's
     * target is shorter: its CPU is read in clock ticks of a process that runs more than the sample, say.
     */
    default double minimumSampleSeconds() {
        return 0;
    }

    /** What {@link #prepareForMeasuring()} will do, for the console when it may take long; null when nothing. */
    default String preparation() {
        return null;
    }

    /**
     * Whether a sample leaves something behind that makes the next one faster (a JIT's compiled code in this JVM),
     * so that a code path's first sample needs a warm-up round before it. A runtime that starts a fresh process or
     * isolate for every sample has nothing to warm: its first sample is like any other.
     */
    default boolean warmsUpAcrossSamples() {
        return true;
    }

    /**
     * {@link #warmsUpAcrossSamples()} for one job: a runtime some of whose jobs run in a process started for the
     * sample (Java's many_waits) says so here.
     */
    default boolean warmsUpAcrossSamples(Job job) {
        return warmsUpAcrossSamples();
    }

    /**
     * Whether the runtime is still warming up after its last measurement (a JIT still compiling in the background),
     * so that a claim's warm-up should go on before its rounds count.
     */
    default boolean stillWarming() {
        return false;
    }

    /**
     * Whether a process this runtime keeps between its samples (a server JVM) is using CPU now, while it has nothing
     * to run: its compiler working through a queue, say. Another runtime's sample waits until it is quiet, so that
     * it takes no core from that sample (from the control's above all). Measured over the time since the last call
     * or the end of this runtime's last sample, and over a short window when that was only just now.
     */
    default boolean busyInBackground() {
        return false;
    }

    /**
     * Whether this runtime judges only the claims about the GIL (a free-threaded build in a default run, beside the
     * GIL build that judges every claim), not every claim of its kind again.
     */
    default boolean judgesOnlyClaimsAboutTheGil() {
        return false;
    }

    /** Whether {@code model} runs inside the test JVM (its CPU time is then part of the JVM's own). */
    default boolean runsInThisJvm(String model) {
        return false;
    }

    /** What the runtime says about itself: version, JIT mode, flags, GIL... written into results.json. */
    Map<String, Object> describe();

    /** Runs one measurement. Throws with a one-line message when the workload crashes, hangs or misbehaves. */
    Sample run(Job job) throws MeasurementException;

    @Override
    default void close() {
    }
}
