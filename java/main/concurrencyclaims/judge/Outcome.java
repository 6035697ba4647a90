package concurrencyclaims.judge;

/** What a claim's measurement showed on this machine. */
public enum Outcome {
    /** The numbers support the claim. JUnit: pass. */
    CONFIRMED,
    /** The numbers contradict the claim clearly enough to rule out noise. JUnit: failure. */
    REFUTED,
    /** This machine, right now, cannot decide (one core, a busy neighbour, wide intervals). JUnit: skipped. */
    INCONCLUSIVE,
    /** The runtime or model is not here (no interpreter, no start method). JUnit: skipped. */
    UNAVAILABLE,
    /** The measurement itself failed: a workload crashed, hung or returned a wrong checksum. JUnit: failure. */
    ERROR
}
