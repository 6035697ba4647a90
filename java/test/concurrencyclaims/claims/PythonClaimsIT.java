package concurrencyclaims.claims;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** Claims about CPython: every interpreter found is a column (-Dpython=all, or a list of paths). */
@Tag("python")
class PythonClaimsIT {
    @TestFactory
    @Tag("cpython")
    Stream<DynamicNode> cpython() {
        return ClaimTestFactory.forKind("cpython");
    }
}
