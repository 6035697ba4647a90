package concurrencyclaims.scaffold;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a new workload's three files and a claim file for it, from a template that already gives the same checksum
 * in every language: a CPU-bound loop of units, sized by time. Self-contained (the JDK alone), so that Maven can run
 * it from its source on a fresh clone, before anything is compiled:
 * <pre>mvn -q exec:exec@new-workload -Dworkload=&lt;name&gt;</pre>
 */
public final class NewWorkload {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private NewWorkload() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        String name = args.length == 0 ? "" : args[0].strip();
        if (name.isEmpty()) {
            fail("name the workload: mvn -q exec:exec@new-workload -Dworkload=<name> (lower-case words joined by '_')");
        }
        if (!NAME.matcher(name).matches()) {
            fail("'" + name + "' is not a workload name: lower-case letters and digits, words joined by '_', starting"
                    + " with a letter (e.g. nbody, matrix_sum)");
        }
        Map<Path, String> files = new LinkedHashMap<>();
        String type = className(name);
        files.put(root.resolve("python/workloads/" + name + ".py"), python(name));
        files.put(root.resolve("js/workloads/" + name + ".js"), javascript(name));
        files.put(root.resolve("java/main/concurrencyclaims/workloads/" + type + ".java"), java(name, type));
        files.put(root.resolve("suites/" + name + ".yaml"), claims(name));
        for (Path file : files.keySet()) {
            if (Files.exists(file)) {
                fail("workload '" + name + "' exists already: " + root.relativize(file) + " is there; pick another name");
            }
        }
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Files.writeString(file.getKey(), file.getValue());
            System.out.println("wrote " + root.relativize(file.getKey()));
        }
        String id = name.replace('_', '-');
        System.out.println("next: mvn verify -DskipUnitTests -Dclaims=" + id + "-threads-no-cpu-speedup," + id
                + "-processes-run-in-parallel; then make the arithmetic yours, the same in all three files"
                + " (suites/README.md, Adding a workload)");
    }

    private static void fail(String line) {
        System.err.println("new-workload: " + line);
        System.exit(2);
    }

    static String className(String workload) {
        StringBuilder out = new StringBuilder();
        for (String part : workload.split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    // The template: a Lehmer (MINSTD) generator seeded by the unit, its low 16 bits folded into an accumulator.
    // Every value stays below 2^47, so Java longs, Python ints and JavaScript numbers agree bit for bit.

    private static String python(String name) {
        return """
                \"""%1$s: a CPU-bound loop of independent units, written by the scaffold (mvn -q exec:exec@new-workload).

                The same algorithm as js/workloads/%1$s.js and java/main/concurrencyclaims/workloads/%2$s.java: change
                all three together, or the checksums stop matching (suites/README.md, Adding a workload).
                \"""

                NAME = "%1$s"
                SIZED_BY_TIME = True
                FAMILIES = ("sequential", "threads", "processes", "asyncio")


                def unit(index, iterations):
                    \"""One unit's result, below 2^31.\"""
                    x = index + 1
                    acc = 0
                    for _ in range(iterations):
                        x = (x * 48271) %% 2147483647
                        acc = (acc + (x & 0xFFFF)) & 0x7FFFFFFF
                    return acc


                def chunk(first, stop, iterations, params):
                    total = 0
                    for index in range(first, stop):
                        total += unit(index, iterations)
                    return total


                async def chunk_async(first, stop, iterations, params):
                    return chunk(first, stop, iterations, params)
                """.formatted(name, className(name));
    }

    private static String javascript(String name) {
        return """
                'use strict';
                // %1$s: a CPU-bound loop of independent units, written by the scaffold (mvn -q exec:exec@new-workload).
                // The same algorithm as python/workloads/%1$s.py and java/main/concurrencyclaims/workloads/%2$s.java;
                // every value stays below 2^53, so a JS number holds it exactly. Plain CommonJS without require():
                // node, Javet and GraalJS load this file alike.

                function unit(index, iterations) {
                  let x = index + 1;
                  let acc = 0;
                  for (let i = 0; i < iterations; i++) {
                    x = (x * 48271) %% 2147483647;
                    acc = (acc + (x & 0xFFFF)) & 0x7FFFFFFF;
                  }
                  return acc;
                }

                function units(from, to, iterations) {
                  let sum = 0;
                  for (let u = from; u < to; u++) {
                    sum += unit(u, iterations);
                  }
                  return sum;
                }

                module.exports = { name: '%1$s', models: 'all', sizedByTime: true, unit, units };
                """.formatted(name, className(name));
    }

    private static String java(String name, String type) {
        return """
                package concurrencyclaims.workloads;

                import java.util.Map;

                /**
                 * %1$s: a CPU-bound loop of independent units, written by the scaffold (mvn -q exec:exec@new-workload).
                 * The same algorithm as {@code python/workloads/%1$s.py} and {@code js/workloads/%1$s.js}.
                 */
                public final class %2$s extends ChunkedWorkload {
                    @Override
                    public String name() {
                        return "%1$s";
                    }

                    @Override
                    public boolean sizedByTime() {
                        return true;
                    }

                    @Override
                    protected long units(int from, int to, long iterations, Map<String, String> parameters) {
                        long sum = 0;
                        for (int u = from; u < to; u++) {
                            sum += unit(u, iterations);
                        }
                        return sum;
                    }

                    static long unit(int index, long iterations) {
                        long x = index + 1;
                        long acc = 0;
                        for (long i = 0; i < iterations; i++) {
                            x = (x * 48271) %% 2147483647L;
                            acc = (acc + (x & 0xFFFF)) & 0x7FFFFFFF;
                        }
                        return acc;
                    }
                }
                """.formatted(name, type);
    }

    private static String claims(String name) {
        return """
                # Claims about the workload %1$s, written by the scaffold (mvn -q exec:exec@new-workload). Format: suites/README.md.
                title: %1$s
                claims:
                  - id: %2$s-threads-no-cpu-speedup
                    quote: "Because of Python’s Global Interpreter Lock (GIL), multithreading in Python does not achieve true parallelism for CPU-bound tasks."
                    source:
                      document: seed/multiprocessing-vs-multithreading.md
                      section: "2. Multithreading › Key Characteristics"
                      url: https://docs.python.org/3/library/threading.html
                    note: "Two CPython threads on %1$s keep one core busy at a time (utilisation = CPU time / wall time)."
                    workload: %1$s
                    runtimes: {cpython: [threading]}
                    workers: 2
                    requires: {gil: true}
                    assertion: {kind: no-speedup, max_utilisation: 1.5}
                    bound_source: >-
                      derivation: halfway between one core's worth of CPU (1x, work that never overlaps) and two cores'
                      (2x at 2 workers)

                  - id: %2$s-processes-run-in-parallel
                    quote: "True parallelism can be achieved because each process runs on a separate CPU core."
                    source:
                      document: seed/multiprocessing-vs-multithreading.md
                      section: "1. Multiprocessing › Key Characteristics"
                      url: https://docs.python.org/3/library/multiprocessing.html
                    note: "Two CPython processes on %1$s run at once, each on a core of its own."
                    workload: %1$s
                    runtimes: {cpython: [multiprocessing-fork]}
                    workers: 2
                    assertion: {kind: runs-in-parallel, min_utilisation: 1.5}
                    bound_source: >-
                      derivation: halfway between workers that take turns on one core and workers that all run at once
                      (2 cores at 2 workers)
                """.formatted(name, name.replace('_', '-'));
    }
}
