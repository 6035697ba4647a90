package concurrencyclaims.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which interpreters a claim applies to. */
class RequiresTest {
    private static final Map<String, Object> GIL_311 = Map.of("implementation", "CPython", "version", "3.11.7",
            "gil_enabled", true);
    private static final Map<String, Object> FREE_313 = Map.of("implementation", "CPython", "version", "3.13.5",
            "gil_enabled", false);
    private static final Map<String, Object> PYPY_39 = Map.of("implementation", "PyPy", "version", "3.9.18",
            "gil_enabled", true);

    @Test
    void theGilClaimDoesNotApplyToAFreeThreadedBuildAndItsCounterpartOnlyThere() {
        Requires gil = new Requires(true, null, null);
        Requires free = new Requires(false, null, null);
        assertTrue(gil.unmetBy("cpython-3.11.7", GIL_311).isEmpty());
        assertTrue(gil.unmetBy("cpython-3.13.5t", FREE_313).orElseThrow().contains("free-threaded"));
        assertTrue(free.unmetBy("cpython-3.13.5t", FREE_313).isEmpty());
        assertTrue(free.unmetBy("cpython-3.11.7", GIL_311).orElseThrow().contains("has the GIL"));
    }

    @Test
    void versionRangesCompareNumbersNotText() {
        assertTrue(new Requires(null, ">=3.10", null).unmetBy("x", GIL_311).isEmpty());
        assertFalse(new Requires(null, ">=3.12", null).unmetBy("x", GIL_311).isEmpty());
        assertTrue(new Requires(null, "<=3.9", null).unmetBy("x", PYPY_39).isEmpty());
        assertFalse(new Requires(null, "<=3.9", null).unmetBy("x", GIL_311).isEmpty());
        assertTrue(new Requires(null, ">=3.10, <3.14", null).unmetBy("x", FREE_313).isEmpty());
        assertTrue(new Requires(null, "==3.13", null).unmetBy("x", FREE_313).isEmpty());
        assertFalse(new Requires(null, ">3.13", null).unmetBy("x", FREE_313).isEmpty());
    }

    @Test
    void anImplementationIsNamedAsTheInterpreterNamesItself() {
        assertTrue(new Requires(null, null, "CPython").unmetBy("pypy-3.9.18", PYPY_39).orElseThrow().contains("PyPy"));
        assertTrue(new Requires(null, null, "cpython").unmetBy("cpython-3.11.7", GIL_311).isEmpty());
    }

    @Test
    void aMalformedRequirementIsAProblemOfTheClaimFile() {
        assertEquals(1, new Requires(null, "3.12+", null).problems().size());
        assertEquals(1, new Requires(null, null, null).problems().size());
        assertTrue(new Requires(true, ">=3.8", "CPython").problems().isEmpty());
    }
}
