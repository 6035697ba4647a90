package concurrencyclaims.runtime;

import java.util.List;

/**
 * What the JavaScript adapters (Javet, GraalJS, standalone node) have in common: one runtime per kind, named after it,
 * offering its models only while it is available.
 */
abstract class JavaScriptRuntime implements Runtime {
    private final String kind;
    private final List<String> models;

    JavaScriptRuntime(String kind, List<String> models) {
        this.kind = kind;
        this.models = List.copyOf(models);
    }

    @Override
    public final String id() {
        return kind;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final String language() {
        return "js";
    }

    @Override
    public final List<String> models() {
        return unavailableReason().isEmpty() ? models : List.of();
    }
}
