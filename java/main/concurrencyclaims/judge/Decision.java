package concurrencyclaims.judge;

/**
 * How a verdict was reached, as results.json records it: the statistic and its bound, the interval at the last look
 * and its confidence level, the rounds measured, and why measuring stopped. {@code bound}, {@code interval} and
 * {@code level} are null for facts, which an exact rule decides.
 */
public record Decision(String statistic, Bound bound, double[] interval, Double level, int rounds, Stop stopped) {

    /** Why measuring stopped. */
    public enum Stop {
        /** the interval cleared the bound (CONFIRMED or REFUTED) */
        DECIDED("decided"),
        /** an exact rule established a fact */
        FACT("fact"),
        /** a precondition failed: the machine cannot show what the claim needs right now */
        PRECONDITION("precondition-failed"),
        /** the interval lay on the refuting side while other processes kept the CPUs busy */
        BUSY("machine-busy"),
        /** the per-claim budget of rounds ran out before a decision */
        MAX_ROUNDS("max-rounds"),
        /** the per-claim budget of seconds ran out before a decision */
        MAX_SECONDS("max-seconds"),
        /** nothing was measured: the claim cannot be decided here (too few CPUs, no runtime) */
        NOT_MEASURED("not-measured"),
        /** a measurement failed */
        ERROR("error");

        private final String json;

        Stop(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public static Decision notMeasured(Stop why) {
        return new Decision(null, null, null, null, 0, why);
    }

    public Decision withStop(Stop why) {
        return new Decision(statistic, bound, interval, level, rounds, why);
    }
}
