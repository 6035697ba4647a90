package concurrencyclaims.claims;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** Claims about JavaScript: Node.js embedded through Javet, GraalJS contexts, standalone node. */
@Tag("js")
class JsClaimsIT {
    @TestFactory
    @Tag("javet")
    Stream<DynamicNode> javet() {
        return ClaimTestFactory.forKind("javet");
    }

    @TestFactory
    @Tag("graaljs")
    Stream<DynamicNode> graaljs() {
        return ClaimTestFactory.forKind("graaljs");
    }

    @TestFactory
    @Tag("node")
    Stream<DynamicNode> node() {
        return ClaimTestFactory.forKind("node");
    }
}
