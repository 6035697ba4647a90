package concurrencyclaims.runtime.js;

import concurrencyclaims.runtime.ChildProcess;
import concurrencyclaims.runtime.MeasurementException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * Decides at build time (Maven phase process-test-classes) whether the forked test JVMs get the JVMCI flags that turn
 * on GraalJS's optimizing runtime. The flags only work when the Graal compiler jars match the JDK's JVMCI level (a
 * mismatch refuses or crashes the JVM), so they are tried first in a throw-away child JVM of the same JDK:
 *
 * <pre>
 *   java ... GraalJitProbe write &lt;argfile&gt; &lt;compilerDir&gt;   # run by Maven with the toolchain's JDK
 *     └─ java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=&lt;compilerDir&gt; ... GraalJitProbe check
 * </pre>
 *
 * Only when the child creates an optimizing engine and runs JS does the argfile get the flags; otherwise it gets a
 * harmless {@code -Dgraaljs.jit.probe=...} (the argfile must exist: {@code test.jvm.args} names it) and a WARNING is
 * printed. {@code GraalJsRuntime} then reports the mode it really got.
 */
public final class GraalJitProbe {
    public static final String OK = "GRAALJS-JIT-OK";

    private GraalJitProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("check")) {
            check();
            return;
        }
        if (args.length != 3 || !args[0].equals("write")) {
            System.err.println("usage: GraalJitProbe write <argfile> <compilerDir> | check");
            System.exit(2);
        }
        Path argfile = Path.of(args[1]);
        Path compilerDir = Path.of(args[2]);
        Files.createDirectories(argfile.toAbsolutePath().getParent());
        String reason = null;
        List<String> flags = jvmciFlags(compilerDir);
        // The answer depends only on the JDK and the compiler jars: reuse it while both are the same (~15 s saved).
        String key = "-Dgraaljs.jit.probe.key=" + System.getProperty("java.home") + "/" + Runtime.version() + "@"
                + compilerDir.toAbsolutePath();
        if (Files.isRegularFile(argfile) && Files.readAllLines(argfile).contains(key)) {
            System.out.println("[graaljs] JIT probe result reused from " + argfile + ": "
                    + (Files.readString(argfile).contains("probe=ok") ? "optimizing runtime" : "INTERPRETER"));
            return;
        }
        if (!hasJars(compilerDir)) {
            reason = "no Graal compiler jars in " + compilerDir;
        } else {
            Path target = argfile.toAbsolutePath().getParent();
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(flags);
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-Djava.io.tmpdir=" + target.resolve("tmp"), "-cp", System.getProperty("java.class.path"),
                    GraalJitProbe.class.getName(), "check"));
            try {
                Files.createDirectories(target.resolve("tmp"));
                ChildProcess.Result r = ChildProcess.of("GraalJS JIT probe (JDK " + System.getProperty("java.version")
                                + ")", cmd).withEnvironment(Map.of("XDG_CACHE_HOME", target.resolve("xdg-cache").toString()))
                        .timeout(Duration.ofSeconds(120)).run();
                if (!r.stdout().contains(OK)) {
                    reason = "the probe JVM ran GraalJS without the optimizing runtime: " + r.stdout().strip();
                } else {
                    System.out.println("[graaljs] optimizing runtime works on JDK " + System.getProperty("java.version")
                            + " with " + compilerDir.getFileName() + ": " + r.stdout().strip());
                }
            } catch (MeasurementException e) {
                reason = e.getMessage();
            }
        }
        String content;
        if (reason == null) {
            content = String.join("\n", flags) + "\n-Dgraaljs.jit.probe=ok\n" + key + "\n";
        } else {
            System.out.println("[WARNING] [graaljs] JIT off, GraalJS runs in the INTERPRETER in test JVMs (its timings are "
                    + "marked graaljs_mode=interpreter): " + reason.replace("\n", " "));
            content = "-Dgraaljs.jit.probe=interpreter\n" + (hasJars(compilerDir) ? key + "\n" : "");
        }
        Files.writeString(argfile, content);
    }

    /** The JVM flags that enable the optimizing runtime with the compiler jars in {@code compilerDir}. */
    public static List<String> jvmciFlags(Path compilerDir) {
        return List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + compilerDir.toAbsolutePath());
    }

    private static boolean hasJars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("compiler-"));
        }
    }

    /** In the child JVM with the flags: an engine, a hot loop, and the implementation name. */
    private static void check() {
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
             Context ctx = Context.newBuilder("js").engine(engine).build()) {
            long sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += ctx.eval("js", "(function(){let s=0; for (let i=0;i<20000;i++){s=(s+Math.imul(i,i))|0;} return s;})()")
                        .asLong();
            }
            String name = engine.getImplementationName();
            boolean jit = GraalJsMode.isOptimizing(name);
            System.out.println((jit ? OK : "GRAALJS-INTERPRETER") + " implementation=" + name + " check=" + sum);
        }
    }
}
