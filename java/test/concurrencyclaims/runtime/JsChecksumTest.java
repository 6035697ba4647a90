package concurrencyclaims.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import concurrencyclaims.workloads.IntegerHash;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** integer_hash gives the same checksum in Java, embedded Node, GraalJS and standalone node, under every model. */
class JsChecksumTest {
    private static final long ITERATIONS = 1000;

    @Test
    void javaReferenceValues() {
        assertEquals(78L, IntegerHash.units(0, 12, 0));
        assertEquals(8764937436L, IntegerHash.units(0, 12, 1));
        assertEquals(11408787911L, IntegerHash.units(0, 12, 1000));
    }

    @Test
    void everyJsRuntimeAndModelMatchesJava() throws Exception {
        long expected = IntegerHash.units(0, 12, ITERATIONS);
        assertEquals(11408787911L, expected);
        try (Runtime javet = JavetRuntime.discover(JsTestSupport.projectRoot()).getFirst();
             Runtime graal = GraalJsRuntime.discover(JsTestSupport.projectRoot()).getFirst();
             Runtime node = NodeRuntime.discover(JsTestSupport.projectRoot()).getFirst()) {
            assertEquals(java.util.Optional.empty(), javet.unavailableReason());
            assertEquals(java.util.Optional.empty(), graal.unavailableReason());
            for (Runtime rt : java.util.List.of(javet, graal, node)) {
                if (rt.unavailableReason().isPresent()) {
                    continue;
                }
                for (String model : rt.models()) {
                    for (int workers : new int[] {1, 2, 3}) {
                        Sample s = rt.run(JsTestSupport.job("integer_hash", model, workers, 12, ITERATIONS,
                                Duration.ofSeconds(60)));
                        assertEquals(expected, s.checksum(), rt.id() + " " + model + " " + workers);
                    }
                }
            }
            assumeTrue(node.unavailableReason().isEmpty(), () -> "node skipped: " + node.unavailableReason().get());
        }
    }
}
