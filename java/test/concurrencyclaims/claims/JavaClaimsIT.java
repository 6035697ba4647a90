package concurrencyclaims.claims;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** Claims about Java: platform threads (the control), virtual threads, child JVMs. */
@Tag("java")
class JavaClaimsIT {
    @TestFactory
    @Tag("jvm")
    Stream<DynamicNode> java() {
        return ClaimTestFactory.forKind("java");
    }
}
