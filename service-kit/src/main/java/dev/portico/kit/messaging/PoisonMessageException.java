package dev.portico.kit.messaging;

/**
 * The message can never be applied (it cannot be read, or breaks the contract): it goes to the
 * dead-letter topic and consumption moves on. Anything else a consumer throws is retried.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
