package concurrencyclaims.judge;

/**
 * One number per measured round that a claim is about (a speed-up as a share of the control's, a utilisation, a cost
 * ratio, a wait's length in waits) and the bound the claim puts on it. Every statistic is a positive ratio or
 * figure; {@code timing} says whether it rests on timings, so that a REFUTED needs a quiet machine (a memory figure
 * does not).
 */
public record Statistic(String name, String unit, double[] perRound, Bound bound, boolean timing) {
    public Statistic {
        perRound = perRound.clone();
    }

    public int rounds() {
        return perRound.length;
    }
}
