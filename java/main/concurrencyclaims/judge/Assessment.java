package concurrencyclaims.judge;

import concurrencyclaims.measure.Estimate;
import java.util.List;
import java.util.Map;

/**
 * What an assertion kind makes of the rounds measured so far. A {@link Measured} statistic is decided by the one
 * {@link DecisionRule}; an {@link Observed} fact (a copy seen, a deadlock, a lost update) by its own exact rule.
 * {@code numbers} are what the report shows beside the verdict, {@code keyNumber} the one in the matrix cell.
 */
public sealed interface Assessment {

    /** A statistic with its bound, the preconditions it needs, and the figures that explain it ({@code facts}). */
    record Measured(Statistic statistic, List<Precondition> preconditions, Map<String, Estimate> numbers,
                    String keyNumber, String facts) implements Assessment {
        public Measured {
            preconditions = List.copyOf(preconditions);
        }
    }

    /**
     * A fact: {@code outcome} is CONFIRMED or REFUTED once the fact is established, or null while more rounds may
     * still establish it (a race that has not shown yet); {@code reason} says what was seen either way.
     */
    record Observed(Outcome outcome, String reason, Map<String, Estimate> numbers, String keyNumber)
            implements Assessment {
    }
}
