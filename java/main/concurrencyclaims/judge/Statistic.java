package concurrencyclaims.judge;

/**
 * One number per measured round that a claim is about (a speed-up as a share of the control's, a utilisation, a cost
 * ratio, a wait's length in waits) and the bound the claim puts on it. Every statistic is a positive ratio or
 * figure; {@code timing} says whether it rests on timings, so that a decision load could have caused needs a quiet
 * machine (a memory figure does not). Load slows a model down: that usually argues against a claim, so a REFUTED
 * needs the quiet; {@code loadConfirms} says it argues for this one (a claim that something takes long), so a
 * CONFIRMED needs it instead.
 */
public record Statistic(String name, String unit, double[] perRound, Bound bound, boolean timing, boolean loadConfirms) {
    public Statistic {
        perRound = perRound.clone();
    }

    public Statistic(String name, String unit, double[] perRound, Bound bound, boolean timing) {
        this(name, unit, perRound, bound, timing, false);
    }

    public int rounds() {
        return perRound.length;
    }
}
