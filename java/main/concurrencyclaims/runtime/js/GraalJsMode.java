package concurrencyclaims.runtime.js;

import java.lang.management.ManagementFactory;

/** How GraalJS runs in this JVM: the optimizing runtime (JIT) or the fallback interpreter. */
public final class GraalJsMode {
    private GraalJsMode() {
    }

    /** Truffle's fallback runtime calls itself "Interpreted"; the optimizing one names the compiler ("GraalVM CE"). */
    public static boolean isOptimizing(String engineImplementationName) {
        return engineImplementationName != null && !engineImplementationName.toLowerCase().contains("interpret");
    }

    /** Whether this JVM was started with JVMCI enabled (the flags the probe writes into the test JVMs' argfile). */
    public static boolean jvmciEnabled() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI");
    }

    /** What the build-time probe decided for this JVM ("ok", "interpreter", or "none" when it did not run). */
    public static String probeResult() {
        return System.getProperty("graaljs.jit.probe", "none");
    }
}
