package concurrencyclaims.report;

import java.io.IOException;
import java.nio.file.Path;

/** A results.json that cannot be reported on; the message is one line naming the file and the field. */
public class MalformedResultsException extends IOException {
    public MalformedResultsException(Path file, String field, String problem) {
        super(file + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem);
    }
}
