package concurrencyclaims.workloads;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.runtime.Sample;
import concurrencyclaims.runtime.WorkloadSize;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A workload as the Java runtime runs it, found by its name: the workload {@code foo_bar} is the class
 * {@code concurrencyclaims.workloads.FooBar} with a public no-argument constructor, beside {@code python/workloads/
 * foo_bar.py} and {@code js/workloads/foo_bar.js}. It declares what the other two languages declare too: the models
 * it runs under, whether the harness sizes it to a running time, the parameters it takes; and it is the reference
 * every language's checksum must equal.
 */
public interface JavaWorkload {
    String SEQUENTIAL = "sequential";
    String PLATFORM_THREADS = "platform-threads";
    String VIRTUAL_THREADS = "virtual-threads";
    String CHILD_PROCESSES = "child-processes";

    /** Where the Java workloads live: a workload's class is this package plus its name in CamelCase. */
    String PACKAGE = "concurrencyclaims.workloads";
    Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** The workload's name, the file name of its Python and JavaScript implementations. */
    String name();

    /** The Java models this workload runs under. */
    List<String> models();

    /** Whether the harness may size it to a running time (its iterations are work, not milliseconds or bytes). */
    default boolean sizedByTime() {
        return false;
    }

    /** The parameters it takes, with what each means; the Python and JavaScript files take the same ones. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    /** One measurement of {@code job}, whose model is one of {@link #models()}. */
    Sample run(Job job) throws MeasurementException;

    /**
     * The checksum every language must return for {@code job}: by default this implementation's own, run
     * sequentially at the same size and parameters (or under its first model if it has no sequential one). A
     * workload whose checksum follows from the job (the units it completed, say) says so here and saves the run.
     */
    default long referenceChecksum(Job job) throws MeasurementException {
        String model = models().contains(SEQUENTIAL) ? SEQUENTIAL : models().getFirst();
        int workers = model.equals(SEQUENTIAL) ? 1 : job.workers();
        return run(new Job(job.workload(), model, workers, job.size(), job.timeout(), job.parameters())).checksum();
    }

    /**
     * What a child JVM of the {@code child-processes} model does, started as {@code WorkloadMain <name> args...}: its
     * last line on stdout is one JSON object with at least {@code cpu_s}.
     */
    default void childMain(List<String> args) throws Exception {
        throw new IllegalArgumentException(name() + " runs no child JVM");
    }

    /**
     * Whether a sample of {@code job} leaves this JVM warmer for the next ({@link
     * concurrencyclaims.runtime.Runtime#warmsUpAcrossSamples()}): yes, unless the job runs in a JVM started for it.
     */
    default boolean warmsUpAcrossSamples(Job job) {
        return true;
    }

    /** {@link #run(Job)}, or the one-line refusal of a model this workload does not offer. */
    default Sample runSupported(Job job) throws MeasurementException {
        if (!models().contains(job.model())) {
            throw new MeasurementException(job.workload() + " is not supported under " + job.model()
                    + " (supported: " + String.join(", ", models()) + ")");
        }
        return run(job);
    }

    /** Fails unless the job asks for exactly {@code count} workers, which is all {@code job}'s workload knows how to run. */
    static void requireWorkers(Job job, int count) throws MeasurementException {
        if (job.workers() != count) {
            throw new MeasurementException(job.workload() + " runs exactly " + count + (count == 1 ? " worker" : " workers")
                    + ", not " + job.workers());
        }
    }

    /** {@code foo_bar} → {@code FooBar}. */
    static String className(String workload) {
        StringBuilder name = new StringBuilder();
        for (String part : workload.split("_")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    /** The source file a workload's Java implementation goes in, relative to the project root. */
    static String sourceFile(String workload) {
        return "java/main/" + PACKAGE.replace('.', '/') + "/" + className(workload) + ".java";
    }

    /** The Java implementation of {@code workload}, found by name; empty when there is none. */
    static Optional<JavaWorkload> named(String workload) {
        if (workload == null || !NAME.matcher(workload).matches()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(PACKAGE + "." + className(workload));
            if (!JavaWorkload.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            JavaWorkload found = (JavaWorkload) type.getConstructor().newInstance();
            if (!found.name().equals(workload)) {
                throw new IllegalStateException(type.getName() + " says its name is '" + found.name() + "', not '"
                        + workload + "'");
            }
            return Optional.of(found);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException(PACKAGE + "." + className(workload) + " needs a public constructor without"
                    + " arguments: " + e, e);
        }
    }

    /** The units of {@code size}, the checksum of workloads that count the units they completed. */
    static long units(WorkloadSize size) {
        return size.units();
    }
}
