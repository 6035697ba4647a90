package concurrencyclaims.runtime;

/** A measurement could not be taken: the message is one line saying what happened and, where known, what to do. */
public class MeasurementException extends Exception {
    public MeasurementException(String message) {
        super(message);
    }

    public MeasurementException(String message, Throwable cause) {
        super(message, cause);
    }
}
