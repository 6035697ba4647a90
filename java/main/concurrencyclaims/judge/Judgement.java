package concurrencyclaims.judge;

/**
 * Where the decision rule stands after a round: {@code settled} when measuring more cannot change the verdict (an
 * interval cleared its bound, a fact was established, a precondition failed), else the INCONCLUSIVE verdict it would
 * give if measuring stopped now, saying which way it leans.
 */
public record Judgement(boolean settled, Verdict verdict) {
}
