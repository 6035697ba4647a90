package concurrencyclaims.catalog;

/** A claim file that cannot be used; the message is one line naming the file and what to fix. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }
}
