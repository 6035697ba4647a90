package concurrencyclaims.judge;

/**
 * A statistic that must hold before the claim's own can decide anything, such as the control showing that the
 * machine offers parallelism right now. While it is undecided the rule keeps measuring; once it clearly fails the
 * claim cannot be judged here and is INCONCLUSIVE with {@code whenFailed} as the reason.
 */
public record Precondition(Statistic statistic, String whenFailed) {
}
