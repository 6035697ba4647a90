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
 * computed here for each call. A lab grades the workloads it knows: {@code integer_hash} (the units start at an
 * offset drawn for every sample) and {@code shared_counter} (each sample's increments are the claim's plus a number
 * drawn for that sample, and the amounts of {@link Labkit#tick()} come from a seed drawn for that sample, sent to the
 * driver beside the arguments: the expected total is the sum of those amounts, which only doing every update gives).
 */
final class LabInputs {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The reference for units from 0, which no student's call gets: the measurer's checksum of the job's size. */
    private final Map<String, Long> nominals = new ConcurrentHashMap<>();

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
        // Far from 0 and new in every sample; the reference is computed for this call and kept nowhere.
        int first = 1_000 + RANDOM.nextInt(1_000_000);
        long expected = IntegerHash.units(first, first + units, iterations);
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
