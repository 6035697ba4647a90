package concurrencyclaims.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What claim files may name: every runtime kind with every model it can offer. A runtime found on the machine offers
 * a subset (an interpreter without forkserver, say); a name outside these lists is a typo. Workloads are found by
 * their files ({@link concurrencyclaims.catalog.WorkloadFiles}).
 */
public final class RuntimeKinds {
    public static final Map<String, List<String>> MODELS;

    static {
        Map<String, List<String>> models = new LinkedHashMap<>();
        models.put("java", List.of("sequential", "platform-threads", "virtual-threads", "child-processes"));
        models.put("cpython", List.of("sequential", "threading", "thread-pool", "asyncio", "multiprocessing-fork",
                "multiprocessing-forkserver", "multiprocessing-spawn", "process-pool", "interpreter-pool",
                "legacy-interpreters"));
        models.put("javet", List.of("event-loop", "worker-threads", "workers-shared-memory"));
        models.put("graaljs", List.of("single-context", "contexts"));
        models.put("node", List.of("event-loop", "worker-threads", "workers-shared-memory", "child-processes"));
        MODELS = java.util.Collections.unmodifiableMap(models);
    }

    private RuntimeKinds() {
    }
}
