package concurrencyclaims.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What claim files may name: every runtime kind with every model it can offer, and every workload. A runtime found
 * on the machine offers a subset (an interpreter without forkserver, say); a name outside these lists is a typo.
 */
public final class RuntimeKinds {
    public static final Set<String> WORKLOADS = Set.of("integer_hash", "sleep_wait", "loop_blocking", "message_copy",
            "shared_counter", "context_single_thread", "tcp_echo", "file_io", "shared_state", "deadlock",
            "idle_memory", "message_passing");

    /** Workloads whose size the harness calibrates to a running time; the others need a fixed 'iterations'. */
    public static final Set<String> SIZED_BY_TIME = Set.of("integer_hash");

    public static final Map<String, List<String>> MODELS;

    static {
        Map<String, List<String>> models = new LinkedHashMap<>();
        models.put("java", List.of("sequential", "platform-threads", "virtual-threads", "child-processes"));
        models.put("cpython", List.of("sequential", "threading", "thread-pool", "asyncio", "multiprocessing-fork",
                "multiprocessing-forkserver", "multiprocessing-spawn", "process-pool"));
        models.put("javet", List.of("event-loop", "worker-threads", "workers-shared-memory"));
        models.put("graaljs", List.of("single-context", "contexts"));
        models.put("node", List.of("event-loop", "worker-threads", "workers-shared-memory", "child-processes"));
        MODELS = java.util.Collections.unmodifiableMap(models);
    }

    private RuntimeKinds() {
    }
}
