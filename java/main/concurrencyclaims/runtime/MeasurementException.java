package concurrencyclaims.runtime;

/** A measurement could not be taken: the message is one line saying what happened and, where known, what to do. */
public class MeasurementException extends Exception {
    public MeasurementException(String message) {
        super(message);
    }

    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code message} says a measurement ran out of time: a runtime's timeout ("... did not finish within N
     * s", its process tree killed) or a workload's own deadline ("timed out: ..."). The sweep reads it as where a model
     * stops for time, not as a failure; each runtime's test checks that its timeout reads so.
     */
    public static boolean isTimeout(String message) {
        return message != null && (message.contains(" did not finish within ") || message.contains("timed out"));
    }
}
