package concurrencyclaims.lab;

import concurrencyclaims.runtime.Job;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.workloads.IntegerHash;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inputs a student's function gets, drawn here for every sample so that no result can be written down in advance
 * or remembered from an earlier sample, and the check of its result against the suite's reference implementation,
 * computed here. A lab grades the workloads it knows: {@code integer_hash} (the units start at an offset drawn for
 * every sample, among {@link #STARTS} past a base drawn for the run) and {@code shared_counter} (each sample's
 * increments are the claim's plus a number drawn for that sample, and the amounts of {@link Labkit#tick()} come
 * from a seed drawn for that sample, sent to the driver beside the arguments: the expected total is the sum of those
 * amounts, which only doing every update gives).
 */
final class LabInputs {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The reference for units from 0, which no student's call gets: the measurer's checksum of the job's size. */
    private final Map<String, Long> nominals = new ConcurrentHashMap<>();
    /**
     * How many places a sample's integer_hash units may start at, past a base drawn for the run: a start drawn for
     * every sample, and each unit's reference computed once per run (a sample of a 2 s check costs the harness about
     * as much in Java as the student's call). A student's process is new and sandboxed for every sample, so nothing
     * it saw in one sample is there in the next.
     */
    static final int STARTS = 24;
    private final int base = 1_000 + RANDOM.nextInt(1_000_000);
    private final Map<String, Long> unitResults = new ConcurrentHashMap<>();

    /** One call's keyword arguments (in the order Java's positional parameters take them) and what it must give. */
    interface Call {
        Map<String, Object> arguments();

        /**
         * Fields of the request beside the call and its arguments, for the lab's driver rather than the student's
         * function (none by default).
         */
        default Map<String, Object> hidden() {
            return Map.of();
        }

        /** Figures the harness knows before the call (the expected count), put beside the student's. */
        Map<String, Object> figures();

        /** Throws, naming the student's file and function, when {@code result} is not the reference's. */
        void check(String function, String file, long result) throws MeasurementException;

        /** The checksum the measurer expects for the job's own size, once the result has been checked. */
        long nominalChecksum(long result);
    }

    Call next(Job job) throws MeasurementException {
        return switch (job.workload()) {
            case IntegerHash.NAME -> integerHash(job);
            case "shared_counter" -> sharedCounter(job);
            default -> throw new MeasurementException("a lab can grade the workloads integer_hash and shared_counter,"
                    + " not " + job.workload());
        };
    }

    private Call integerHash(Job job) {
        int units = job.size().units();
        long iterations = job.size().iterations();
        int first = base + RANDOM.nextInt(STARTS);
        long expected = reference(first, units, iterations);
        long nominal = nominals.computeIfAbsent(units + "/" + iterations, k -> IntegerHash.units(0, units, iterations));
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("first", first);
        arguments.put("stop", first + units);
        arguments.put("iterations", iterations);
        arguments.put("workers", job.workers());
        return new Call() {
            public Map<String, Object> arguments() {
                return arguments;
            }

            public Map<String, Object> figures() {
                return Map.of();
            }

            public void check(String function, String file, long result) throws MeasurementException {
                if (result != expected) {
                    throw new MeasurementException(file + ": " + function + "(first=" + first + ", stop=" + (first + units)
                            + ", iterations=" + iterations + ", workers=" + job.workers() + ") returned " + result
                            + ", but the sum of work() over units " + first + " to " + (first + units - 1) + " is "
                            + expected + ": every unit must be worked on exactly once");
                }
            }

            public long nominalChecksum(long result) {
                return nominal;
            }
        };
    }

    /** The sum of integer_hash over units [first, first + units), each unit computed once per run. */
    private long reference(int first, int units, long iterations) {
        long sum = 0;
        for (int u = first; u < first + units; u++) {
            int unit = u;
            sum += unitResults.computeIfAbsent(unit + "/" + iterations, k -> IntegerHash.unit(unit, iterations));
        }
        return sum;
    }

    private static Call sharedCounter(Job job) {
        long increments = job.size().iterations() + 1 + RANDOM.nextInt(997);
        // Non-negative, so that it reads the same as a JSON number in Python and Java.
        long seed = RANDOM.nextLong() >>> 1;
        long expected = Labkit.expectedTotal(seed, job.workers(), increments);
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("workers", job.workers());
        arguments.put("increments", increments);
        return new Call() {
            public Map<String, Object> arguments() {
                return arguments;
            }

            public Map<String, Object> hidden() {
                return Map.of("seed", seed);
            }

            public Map<String, Object> figures() {
                return Map.of("expected", expected);
            }

            public void check(String function, String file, long result) {
            }

            public long nominalChecksum(long result) {
                return job.workers() * job.size().iterations();
            }
        };
    }
}
