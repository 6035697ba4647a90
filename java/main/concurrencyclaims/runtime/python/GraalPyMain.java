package concurrencyclaims.runtime.python;

import java.io.File;
import java.io.IOException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Entry point of GraalPy's child JVM: runs a Python script (python/driver.py) in a GraalPy context through the
 * GraalVM Polyglot API, with the rest of the command line as its sys.argv, and exits with its exit status.
 * Usage: {@code java -cp <classes and GraalPy's jars> concurrencyclaims.runtime.python.GraalPyMain script.py args...}
 */
public final class GraalPyMain {
    private GraalPyMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: GraalPyMain script.py [arguments...]");
            System.exit(2);
        }
        File script = new File(args[0]).getAbsoluteFile();
        try (Context context = newContext(args)) {
            context.eval(Source.newBuilder("python", script).build());
        } catch (PolyglotException e) {
            if (e.isExit()) {
                System.exit(e.getExitStatus());
            }
            System.err.println("GraalPy: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("GraalPy cannot read " + script + ": " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    private static Context newContext(String[] args) {
        try {
            // Truffle's compiler threads end after 10 s idle; kept, their CPU stays in the per-thread sums the
            // harness subtracts from the JVM's to get the Python threads' CPU. Only the optimizing runtime has them.
            return builder(args).allowExperimentalOptions(true).option("engine.CompilerIdleDelay", "0").build();
        } catch (IllegalArgumentException interpreterOnly) {
            return builder(args).build();
        }
    }

    /**
     * All access: the driver starts threads, GraalPy's own "processes" (contexts), sockets and files like any Python
     * program; only the harness's own code runs here.
     */
    private static Context.Builder builder(String[] args) {
        return Context.newBuilder("python").allowAllAccess(true).arguments("python", args)
                .option("engine.WarnInterpreterOnly", "false");
    }
}
